/**
 * `nianbao template`: writes the self-checking template the add-in inserts (tables, total
 * formulas, check cells, conditional formats, validation, names, print area) as an .xlsx for
 * WPS 表格, LibreOffice or sending to units, prefilled from last year's report when given.
 */
import * as fs from 'fs';
import * as path from 'path';
import { formatForYear, getFormat } from '../../core/formats/registry';
import type { FormatDef } from '../../core/formats/types';
import { namer } from '../../core/messages';
import { carryOver, type CarryOver } from '../../core/template/carry';
import { CARRY_TEXT, sharedName } from '../../core/template/carry-text';
import { planTemplate } from '../../core/template/plan';
import { planWorkbook } from '../../core/template/xlsx';
import type { TemplateArgs } from '../args';
import { EXIT_OK, EXIT_UNREADABLE, type Io } from '../io';
import { isUnreadable, loadReport } from '../load';

const TEXT = {
  'zh-CN': {
    wrongFormat: (year: number, prescribed: FormatDef) => `${year} 年度报告应使用 ${prescribed.name}（${prescribed.issuedBy}），请改用 --format ${prescribed.id} 或不指定 --format`,
    lastYear: '上年报告',
    notLastYear: (found: number, year: number, file: string) => `上年报告应为 ${year - 1} 年度，而该报告为 ${found} 年度，未生成模板：${file}`,
    sameFile: (file: string) => `不会覆盖上年报告，请用 -o 指定另一个文件名：${file}`,
    cannotWrite: (file: string, why: string) => `无法写入 ${file}：${why}`,
    written: (file: string, format: FormatDef, year: number) => `已生成：${file}（${format.name}，${year} 年度）\n`,
    carried: (file: string, n: number) => `已按上年报告 ${file} 预填 ${n} 格：\n`,
    group: (what: string, n: number, how: string) => `  ${what}：${n} 格，${how}\n`,
    how: CARRY_TEXT['zh-CN'].how,
    notCarried: (n: number) => `未预填 ${n} 格，请据实填写：\n`,
    reason: CARRY_TEXT['zh-CN'].reason,
    incomparable: (last: FormatDef, tables: string[], format: FormatDef) => `上年报告为 ${last.name}：${tables.map((t) => `「${t}」`).join('、')}与 ${format.name}不可比，未结转。\n`,
    lastYearErrors: (n: number) => `注意：上年报告中预填所取的栏目涉及 ${n} 处错误，请核对预填的数字（nianbao check 可列出）。\n`,
    nothing: '上年报告中没有可结转的数字。\n',
  },
  en: {
    wrongFormat: (year: number, prescribed: FormatDef) => `A ${year} report uses format ${prescribed.id} (${prescribed.issuedBy}): use --format ${prescribed.id} or leave --format out`,
    lastYear: "last year's report",
    notLastYear: (found: number, year: number, file: string) => `Last year's report should be for ${year - 1}, but this one is for ${found}; no template written: ${file}`,
    sameFile: (file: string) => `Last year's report is never overwritten; choose another name with -o: ${file}`,
    cannotWrite: (file: string, why: string) => `Cannot write ${file}: ${why}`,
    written: (file: string, format: FormatDef, year: number) => `Written: ${file} (format ${format.id}, ${year})\n`,
    carried: (file: string, n: number) => `Prefilled ${n} cell(s) from ${file}:\n`,
    group: (what: string, n: number, how: string) => `  ${what}: ${n} cell(s), ${how}\n`,
    how: CARRY_TEXT.en.how,
    notCarried: (n: number) => `Not prefilled, ${n} cell(s) to fill in:\n`,
    reason: CARRY_TEXT.en.reason,
    incomparable: (last: FormatDef, tables: string[], format: FormatDef) => `Last year's report uses format ${last.id}: ${tables.join(', ')} cannot be compared with format ${format.id} and was not carried over.\n`,
    lastYearErrors: (n: number) => `Note: the cells of last year's report the prefill comes from are involved in ${n} error(s); check the prefilled figures (nianbao check lists them).\n`,
    nothing: "Last year's report holds no figure to carry over.\n",
  },
} as const;

export async function runTemplate(args: TemplateArgs, io: Io): Promise<number> {
  const t = TEXT[args.lang];
  const fail = (message: string): number => {
    io.stderr(`nianbao: ${message}\n`);
    return EXIT_UNREADABLE;
  };
  // The argument parser requires both.
  const year = args.year as number;
  const out = args.out as string;
  const prescribed = formatForYear(year);
  const format = (args.format === 'auto' ? prescribed : getFormat(args.format)) as FormatDef;
  if (prescribed && prescribed.id !== format.id) return fail(t.wrongFormat(year, prescribed));

  const plan = planTemplate(format, { year, body: args.body });
  let carry: CarryOver | undefined;
  let notes = '';
  if (args.lastYear) {
    if (path.resolve(out) === path.resolve(args.lastYear)) return fail(t.sameFile(out));
    const loaded = await loadReport(args.lastYear, { format: 'auto', lang: args.lang });
    if (isUnreadable(loaded)) return fail(`${t.lastYear}：${loaded.error}`);
    const last = loaded.report;
    if (last.year !== undefined && last.year !== year - 1) return fail(t.notLastYear(last.year, year, args.lastYear));
    const totals = new Set(plan.cells.filter((c) => c.id && c.sum).map((c) => c.id as string));
    carry = carryOver(format, { format: last.format, year: last.year, raw: last.raw }, totals);
    notes = describeCarry(carry, format, last.format, args.lastYear, args.lang);
    const from = new Set(carry.carried.flatMap((c) => c.from));
    const errors = last.findings.filter((f) => f.severity === 'error' && f.cells.some((c) => from.has(c))).length;
    if (errors > 0) notes += t.lastYearErrors(errors);
  }

  const bytes = await planWorkbook(plan, carry?.values ?? {});
  try {
    fs.writeFileSync(out, bytes);
  } catch (err) {
    return fail(t.cannotWrite(out, err instanceof Error ? err.message : String(err)));
  }
  io.stderr(t.written(out, format, year) + notes);
  return EXIT_OK;
}

/** What was prefilled (by rule, under the cells' shared row or column name), what was not and why. */
function describeCarry(carry: CarryOver, format: FormatDef, lastFormat: FormatDef, file: string, lang: TemplateArgs['lang']): string {
  const t = TEXT[lang];
  const names = namer(format);
  let text = '';
  if (carry.carried.length > 0) {
    text += t.carried(file, carry.carried.length);
    for (const code of new Set(carry.carried.map((c) => c.code))) {
      const cells = carry.carried.filter((c) => c.code === code).map((c) => c.cell);
      text += t.group(sharedName(cells, format), cells.length, t.how[code] ?? code);
    }
  } else if (carry.incomparableTables.length === 0) text += t.nothing;
  if (carry.notCarried.length > 0) {
    text += t.notCarried(carry.notCarried.length);
    for (const n of carry.notCarried) text += `  「${names.cell(n.cell)}」：${t.reason[n.reason]}\n`;
  }
  if (carry.incomparableTables.length > 0) text += t.incomparable(lastFormat, carry.incomparableTables.map((table) => namer(lastFormat).table(table)), format);
  return text;
}
