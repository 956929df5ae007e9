/**
 * What narrative text may say about the tables, per the spec's mapping: each statement is a
 * pattern over a clause and the table figure it must equal. Data, shared by the narrative check
 * and the generator (`generate.ts`), so what one writes the other reads the same way.
 */
import type { FormatDef } from '../formats/types';
import { blockOf } from '../formats/registry';

/** Where a figure comes from: stated cells, or t3 rows summed over their applicant columns. */
export type FigureSource = { cells: readonly string[] } | { t3Rows: (format: FormatDef) => readonly string[] };

export interface FigureStatement {
  id: string;
  /** How the text names it, for messages. */
  label: string;
  /** A clause pattern; group `n` is the stated count. Matched on text with spaces removed. */
  pattern: RegExp;
  source: FigureSource;
}

const rowsOfGroup = (prefix: string) => (format: FormatDef): string[] => (blockOf(format, 't3')?.rows ?? []).filter((r) => r.id.startsWith(prefix)).map((r) => r.id);
/** 2019 prints one 其他处理 row, 2021 three. */
const otherRows = (format: FormatDef): string[] => (blockOf(format, 't3')?.rows ?? []).filter((r) => /^other\d*$/.test(r.id)).map((r) => r.id);

const GAP = '[^\\d，,。；;（(]{0,12}?';

/** Order matters: longer phrases first, and each match masks its text from later patterns. */
export const FIGURE_STATEMENTS: readonly FigureStatement[] = [
  { id: 'grantedAndPartial', label: '予以公开及部分公开', pattern: new RegExp(`予以公开(?:及|和|、)部分公开${GAP}(?<n>\\d+)件`, 'g'), source: { t3Rows: () => ['granted', 'partial'] } },
  { id: 'granted', label: '予以公开', pattern: new RegExp(`(?<!不)予以公开${GAP}(?<n>\\d+)件`, 'g'), source: { t3Rows: () => ['granted'] } },
  { id: 'partial', label: '部分公开', pattern: new RegExp(`部分公开${GAP}(?<n>\\d+)件`, 'g'), source: { t3Rows: () => ['partial'] } },
  { id: 'denied', label: '不予公开', pattern: new RegExp(`不予公开${GAP}(?<n>\\d+)件`, 'g'), source: { t3Rows: rowsOfGroup('denied') } },
  { id: 'unavailable', label: '无法提供', pattern: new RegExp(`无法提供${GAP}(?<n>\\d+)件`, 'g'), source: { t3Rows: rowsOfGroup('unavailable') } },
  { id: 'notProcessed', label: '不予处理', pattern: new RegExp(`不予处理${GAP}(?<n>\\d+)件`, 'g'), source: { t3Rows: rowsOfGroup('notProcessed') } },
  { id: 'other', label: '其他处理', pattern: new RegExp(`其他处理${GAP}(?<n>\\d+)件`, 'g'), source: { t3Rows: otherRows } },
  { id: 'carriedIn', label: '上年结转', pattern: new RegExp(`上(?:一)?年(?:度)?结转${GAP}(?<n>\\d+)件`, 'g'), source: { cells: ['t3.carriedIn.total'] } },
  { id: 'carriedOver', label: '结转下年度', pattern: /(?:结转(?:到|至)?下(?:一)?年度[^\d，,。；;]{0,8}?(?<n>\d+)件|(?<m>\d+)件[^\d，,。；;]{0,12}?(?:结转|顺延)(?:到|至)?下(?:一)?年度)/g, source: { cells: ['t3.carriedOver.total'] } },
  { id: 'received', label: '收到申请', pattern: new RegExp(`(?:收到|新收|受理)${GAP}(?<n>\\d+)件`, 'g'), source: { cells: ['t3.received.total'] } },
  { id: 'resultTotal', label: '办结（答复）', pattern: new RegExp(`(?:办结|答复)${GAP}(?<n>\\d+)件`, 'g'), source: { cells: ['t3.resultTotal.total'] } },
  { id: 'review', label: '行政复议', pattern: /(?:行政)?复议(?!后)(?:案件|申请)?(?<n>\d+)件/g, source: { cells: ['t4.review.total'] } },
  { id: 'suit', label: '行政诉讼', pattern: /(?:行政)?诉讼(?:案件)?(?<n>\d+)件/g, source: { cells: ['t4.suitDirect.total', 't4.suitAfterReview.total'] } },
];

/** Statements without a number: facts the tables must bear out. */
export interface FactStatement {
  id: string;
  label: string;
  pattern: RegExp;
  /** Cells that must all be 0 for the statement to hold. */
  mustBeZero: readonly string[];
}

const nonUpheld = (groups: readonly string[]): string[] => groups.flatMap((g) => ['corrected', 'other', 'pending'].map((c) => `t4.${g}.${c}`));
const T4_GROUPS = ['review', 'suitDirect', 'suitAfterReview'];

export const FACT_STATEMENTS: readonly FactStatement[] = [
  { id: 'noApplications', label: '未收到政府信息公开申请', pattern: /未(?:收到|受理)(?:任何)?政府信息公开申请/, mustBeZero: ['t3.received.total'] },
  { id: 'noReviewOrSuit', label: '未发生行政复议、行政诉讼', pattern: /未(?:发生|出现|产生)[^。；;]{0,20}?行政复议[^。；;]{0,12}?行政诉讼/, mustBeZero: T4_GROUPS.flatMap((g) => ['upheld', 'corrected', 'other', 'pending'].map((c) => `t4.${g}.${c}`)) },
  { id: 'allUpheld', label: '均获维持', pattern: /(?:均|全部|都)(?:获|被|予以)?维持/, mustBeZero: nonUpheld(T4_GROUPS) },
  { id: 'noLostSuit', label: '零败诉', pattern: /零败诉|无败诉/, mustBeZero: ['t4.suitDirect.corrected', 't4.suitAfterReview.corrected'] },
];

/** The statement with `id` (a programmer error when there is none). */
export function figureStatement(id: string): FigureStatement {
  const statement = FIGURE_STATEMENTS.find((s) => s.id === id);
  if (!statement) throw new Error(`unknown figure statement: ${id}`);
  return statement;
}

/** The cells a statement's figure is the sum of in `format`: stated cells, or t3 rows over their applicant columns. */
export function statementCells(statement: FigureStatement, format: FormatDef): string[] {
  const { source } = statement;
  if ('cells' in source) return [...source.cells];
  const parts = (blockOf(format, 't3')?.columns ?? []).filter((c) => c.id !== 'total').map((c) => c.id);
  return source.t3Rows(format).flatMap((row) => parts.map((col) => `t3.${row}.${col}`));
}
