/** Human-readable output of `nianbao check`: per file, tables found, format, findings by table. */
import type { CheckedReport } from '../core/check';
import { FINDING_GROUPS, tableOfFinding } from '../core/engine/findings';
import type { TableId } from '../core/formats/types';
import { headlineFor, messageFor, namer, type Locale } from '../core/messages';

const TEXT = {
  'zh-CN': {
    format: '格式',
    year: '年度',
    unknownYear: '未注明',
    detected: '',
    assumed: '（表格未能区分格式，按年度或默认格式处理）',
    tables: '表格',
    found: '已找到',
    missing: '未找到',
    clean: '未发现问题。',
    error: '错误',
    warning: '警告',
    info: '提示',
    other: '整体',
    more: (n: number, code: string) => `……另有 ${n} 条 ${code} 同类提示（加 --all 查看全部）`,
    unreadable: '无法检查',
    lastYear: '上年报告',
    colon: '：',
    semicolon: '；',
    candidates: (files: readonly string[], count: number) => `未作跨年度核对：同一单位上一年度有 ${count} 份报告（${files.join('、')}${count > files.length ? '等' : ''}），无法确定以哪一份为准`,
  },
  en: {
    format: 'Format',
    year: 'Year',
    unknownYear: 'not stated',
    detected: '',
    assumed: ' (tables do not tell the formats apart; chosen by year or default)',
    tables: 'Tables',
    found: 'found',
    missing: 'missing',
    clean: 'No findings.',
    error: 'error',
    warning: 'warning',
    info: 'info',
    other: 'Whole report',
    more: (n: number, code: string) => `... ${n} more ${code} findings (use --all to list them)`,
    unreadable: 'cannot be checked',
    lastYear: "Last year's report",
    colon: ': ',
    semicolon: '; ',
    candidates: (files: readonly string[], count: number) => `not compared: the same body has ${count} reports for the year before (${files.join(', ')}${count > files.length ? ', …' : ''}), and none can be chosen`,
  },
} as const;

const COLLAPSE_AFTER = 5;

/**
 * Last year's report a file was checked against, or the candidates that kept it from being
 * paired: how many, and the first two by name.
 */
export type LastYearNote = { file: string } | { candidates: string[]; count: number };

/** Last year's report: its path, or why none was compared. */
export function describeLastYear(note: LastYearNote, lang: Locale): string {
  return 'file' in note ? note.file : TEXT[lang].candidates(note.candidates, note.count);
}

/** The warning printed when a file could not be paired with last year's report. */
export function pairingWarning(file: string, note: LastYearNote, lang: Locale): string {
  const t = TEXT[lang];
  return `${t.warning}${t.colon}${file}${t.colon}${describeLastYear(note, lang)}`;
}

export function renderReport(file: string, report: CheckedReport, lang: Locale, all: boolean, lastYear?: LastYearNote): string {
  const t = TEXT[lang];
  const names = namer(report.format);
  const lines: string[] = [`== ${file} ==`];
  lines.push(`${t.format}${t.colon}${report.format.id}（${report.format.issuedBy}）${report.formatDetected ? '' : t.assumed}  ${t.year}${t.colon}${report.year ?? t.unknownYear}`);
  lines.push(`${t.tables}${t.colon}${(['t2', 't3', 't4'] as TableId[]).map((id) => `${names.table(id)} ${report.tables[id] ? t.found : t.missing}`).join(t.semicolon)}`);
  if (lastYear) lines.push(`${t.lastYear}${t.colon}${describeLastYear(lastYear, lang)}`);
  if (report.findings.length === 0) {
    lines.push(`  ${t.clean}`);
    return lines.join('\n');
  }
  for (const table of FINDING_GROUPS) {
    const group = report.findings.filter((f) => tableOfFinding(f) === table);
    if (group.length === 0) continue;
    const errors = group.filter((f) => f.severity === 'error').length;
    const warnings = group.filter((f) => f.severity === 'warning').length;
    lines.push(`${table === 'other' ? t.other : names.table(table)}（${t.error} ${errors}，${t.warning} ${warnings}）`);
    const shownPerCode = new Map<string, number>();
    for (const f of group) {
      const shown = shownPerCode.get(f.code) ?? 0;
      shownPerCode.set(f.code, shown + 1);
      if (!all && shown >= COLLAPSE_AFTER) continue;
      const headline = headlineFor(f, report.format, lang);
      lines.push(`  [${t[f.severity]}] ${f.code}${headline ? ` ${headline}` : ''}`);
      lines.push(`      ${messageFor(f, report.format, lang)}`);
    }
    if (!all) for (const [code, count] of shownPerCode) if (count > COLLAPSE_AFTER) lines.push(`  ${t.more(count - COLLAPSE_AFTER, code)}`);
  }
  return lines.join('\n');
}

export function renderUnreadable(file: string, message: string, lang: Locale): string {
  return `== ${file} ==\n  [${TEXT[lang].error}] ${TEXT[lang].unreadable}${TEXT[lang].colon}${message}`;
}

export interface RunCounts {
  files: number;
  failed: number;
  unreadable: number;
  errors: number;
  warnings: number;
  /** Entries of the folders walked that were not checked. */
  skipped?: { hidden: number; unsupported: number; links: number };
}

export function renderSummary(counts: RunCounts, lang: Locale): string {
  const passed = counts.files - counts.failed - counts.unreadable;
  const line =
    lang === 'en'
      ? `Checked ${counts.files} file(s): ${passed} without errors, ${counts.failed} with errors, ${counts.unreadable} unreadable; ${counts.errors} error(s), ${counts.warnings} warning(s).`
      : `共检查 ${counts.files} 个文件：无错误 ${passed} 个，有错误 ${counts.failed} 个，无法检查 ${counts.unreadable} 个；错误 ${counts.errors} 处，警告 ${counts.warnings} 处。`;
  const s = counts.skipped;
  if (!s || s.hidden + s.unsupported + s.links === 0) return line;
  return lang === 'en'
    ? `${line} Skipped in folders: ${s.hidden} hidden, ${s.unsupported} of other types, ${s.links} symbolic link(s).`
    : `${line}文件夹中另有隐藏文件 ${s.hidden} 个、其他类型文件 ${s.unsupported} 个、符号链接 ${s.links} 个，未检查。`;
}
