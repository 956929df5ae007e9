/**
 * What every export is made from: a checked report (format, year, body, the cells as read, the
 * findings) plus the text of its six sections. The title and the sections are composed here once,
 * so the HTML page and the .docx say the same thing.
 */
import { SECTIONS, type SectionDef } from '../document';
import type { Finding } from '../engine/findings';
import type { FormatDef } from '../formats/types';
import type { RawValue } from '../import/grid';
import type { SectionKey } from '../narrative/generate';

/** Sections the user writes (the generator states figures; these need people). */
export interface UserSections {
  一?: string;
  五?: string;
  六?: string;
}

/** Which checks that need more than the tables were run (see `checks.ts`). */
export interface ChecksRun {
  /** Last year's report was supplied: the cross-year rules ran. */
  lastYear?: boolean;
  /** Narrative text was checked against the tables. */
  narrative?: boolean;
  /** A whole report was read: its six sections were checked. */
  document?: boolean;
}

/**
 * A checked report, ready to export. A `CheckedReport` (from `checkReport`) fits as it is; add
 * the body's name and any text.
 */
export interface ExportableReport {
  format: FormatDef;
  year?: number;
  /** The reporting body (`淮安市人民政府`). */
  body?: string;
  /** The cells' contents as read, by id: exported exactly, numbers as numbers, text as text. */
  raw: Readonly<Record<string, RawValue>>;
  findings: readonly Finding[];
  /** Generated paragraphs (`generateNarrative(…).sections`), placed in their sections. */
  narrative?: Readonly<Partial<Record<SectionKey, string>>>;
  userSections?: UserSections;
  /** The date line under the signature (`2025年1月20日`); blank for hand-writing when absent. */
  date?: string;
  /** Overrides the title composed from body and year. */
  title?: string;
  checked?: ChecksRun;
}

/** Shown where a section has no text yet. */
export const PLACEHOLDER = '（请填写）';

/** The date line left for hand-writing when no date is given. */
export const BLANK_DATE = '　　　　年　　月　　日';

/** `淮安市人民政府2024年政府信息公开工作年度报告`, the form official titles take. */
export function reportTitle(report: Pick<ExportableReport, 'body' | 'year' | 'title'>): string {
  if (report.title !== undefined && report.title.trim() !== '') return report.title.trim();
  const body = report.body?.trim() ?? '';
  const year = report.year !== undefined ? `${report.year}年` : '';
  return `${body}${year}政府信息公开工作年度报告`;
}

export interface ComposedSection {
  def: SectionDef;
  /** Paragraphs in order: what the user wrote, then generated text. */
  paragraphs: string[];
  /** True when the section has neither text nor a table: it shows `PLACEHOLDER`. */
  placeholder: boolean;
}

/** Splits text into paragraphs: one per line, indentation (the page adds its own) removed. */
export function paragraphsOf(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map((line) => line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((line) => line !== '');
}

/** Generated sections in the order they are printed; a key's numeral (before any `.`) names its section. */
const NARRATIVE_ORDER: readonly SectionKey[] = ['一.主动公开', '一.依申请公开', '三', '四', '六'];

/** The six sections with their text; 二、三、四 carry their tables, the others a placeholder when empty. */
export function composeSections(report: Pick<ExportableReport, 'narrative' | 'userSections'>): ComposedSection[] {
  return SECTIONS.map((def) => {
    const user = (report.userSections as Record<string, string | undefined> | undefined)?.[def.numeral];
    const generated = NARRATIVE_ORDER.filter((key) => key.split('.')[0] === def.numeral).flatMap((key) => paragraphsOf(report.narrative?.[key]));
    const paragraphs = [...paragraphsOf(user), ...generated];
    return { def, paragraphs, placeholder: paragraphs.length === 0 && def.table === undefined };
  });
}

/**
 * Characters XML 1.0 cannot hold (C0 controls other than tab and line breaks, U+FFFE/U+FFFF,
 * unpaired surrogates): a document containing one does not open. Vertical tab and form feed
 * (Excel's line break in some exports) become line breaks, the rest U+FFFD.
 */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u000B\u000C]/g, '\n').replace(/[\u0000-\u0008\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
