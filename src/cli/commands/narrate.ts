/** `nianbao narrate`: reads one report, checks it, writes the narrative sections, and decides the exit code. */
import { messageFor } from '../../core/messages';
import { bodyOf } from '../../core/narrative/body';
import { generateNarrative, NarrativeRefusedError, type Narrative } from '../../core/narrative/generate';
import { sectionsText } from '../../core/narrative/headings';
import type { NarrateArgs } from '../args';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, type Io } from '../io';
import { isUnreadable, loadReport, readLastYear } from '../load';

/** The subject when neither --body nor the report names one. */
export const DEFAULT_BODY = '本机关';

const TEXT = {
  'zh-CN': {
    noYear: (file: string) => `无法从报告中读出年度，请用 --year 指定：${file}`,
    internal: (message: string, file: string) => `生成文字时发生内部错误（${message}），请将此文件反馈给维护人员：${file}`,
    refused: (n: number) => `表格尚有 ${n} 处错误，未生成文字。`,
    hint: 'nianbao check 可列出全部错误；加 --draft 可先生成注明“草稿”的文字。',
    draft: (n: number) => `注意：表格尚有 ${n} 处错误，以下文字为草稿，每段已注明。`,
    fee: '第六部分：表格中没有信息处理费数据，请据实选用，或用 --fee 金额（未收取写 0）生成。',
  },
  en: {
    noYear: (file: string) => `The report year cannot be read from the report; give it with --year: ${file}`,
    internal: (message: string, file: string) => `Internal error while generating the text (${message}); please send this file to the maintainers: ${file}`,
    refused: (n: number) => `The tables hold ${n} error(s); no text generated.`,
    hint: 'nianbao check lists them all; add --draft for a text marked as a draft.',
    draft: (n: number) => `Note: the tables hold ${n} error(s); the text below is a draft and each section says so.`,
    fee: 'Section 六: the tables hold no 信息处理费 figure; choose the wording, or give --fee AMOUNT (0 when none was collected).',
  },
} as const;

export async function runNarrate(args: NarrateArgs, io: Io): Promise<number> {
  const t = TEXT[args.lang];
  const fail = (message: string, code = EXIT_UNREADABLE): number => {
    io.stderr(`nianbao: ${message}\n`);
    return code;
  };

  const lastYear = args.lastYear ? await readLastYear(args.lastYear, args.lang) : undefined;
  if (lastYear && isUnreadable(lastYear)) return fail(lastYear.error);
  const loaded = await loadReport(args.file, { format: args.format, year: args.year, lastYear, lang: args.lang });
  if (isUnreadable(loaded)) return fail(loaded.error);
  const { source, report } = loaded;
  const year = report.year;
  if (year === undefined) return fail(t.noYear(args.file));

  let narrative: Narrative;
  try {
    narrative = generateNarrative({
      format: report.format,
      year,
      body: args.body ?? bodyOf(source) ?? DEFAULT_BODY,
      values: report.parsed,
      lastYear: report.lastYear,
      options: { zeroCategories: args.zero, draft: args.draft, findings: report.findings, processingFee: args.fee },
    });
  } catch (err) {
    if (!(err instanceof NarrativeRefusedError)) return fail(t.internal(err instanceof Error ? err.message : String(err), args.file));
    const format = report.format;
    const errors = err.errors.map((f) => ({ code: f.code, cells: f.cells, message: messageFor(f, format, args.lang) }));
    if (args.json) {
      io.stdout(`${JSON.stringify({ sections: null, refused: args.lang === 'en' ? t.refused(errors.length) : err.message, errors }, null, 2)}\n`);
    } else if (args.lang === 'en') {
      io.stderr(`nianbao: ${[t.refused(errors.length), ...errors.slice(0, 5).map((e) => `  ${e.code}: ${e.message}`)].join('\n')}\n${t.hint}\n`);
    } else {
      io.stderr(`nianbao: ${err.message}\n${t.hint}\n`);
    }
    return EXIT_ERRORS;
  }

  if (narrative.draft) io.stderr(`${t.draft(narrative.errors.length)}\n`);
  if (narrative.sections['六'] !== undefined && args.fee === undefined) io.stderr(`${t.fee}\n`);
  if (args.json) io.stdout(`${JSON.stringify({ sections: narrative.sections, draft: narrative.draft }, null, 2)}\n`);
  else io.stdout(sectionsText(narrative.sections));
  return EXIT_OK;
}
