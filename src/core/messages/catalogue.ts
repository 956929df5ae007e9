import type { Finding } from '../engine/findings';
import type { RuleCode } from '../rules/codes';
import type { Namer } from './names';

/** One message function per finding code; a locale must cover every code (see the parity test). */
export type Catalogue = Record<RuleCode, (finding: Finding, names: Namer) => string>;

/** What a finding's two figures are: `actual` (the left-hand side) and `expected` (the right-hand side). */
export interface Sides {
  actual: string;
  expected: string;
}

/**
 * How a locale words a finding's one-line headline (`行政复议 / 总计：表内 4，应为 3，相差 +1`). Every
 * code names its two sides, or has none (null) where it sets no two figures against each other: the
 * sides differ from code to code (for `narrative.mismatch` `actual` is what the text says and
 * `expected` what the tables hold), so no code can fall back on another's wording.
 */
export interface HeadlineWording {
  sides: Record<RuleCode, Sides | null>;
  /** The two sides with their figures, and the difference where there is one. */
  relation(sides: Sides, actual: string, expected: string, difference: number | null): string;
  /** Between the place named and the relation. */
  separator: string;
}

/** Formats a figure for a message: exact as computed, thousands separated only past 4 digits. */
export function figure(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  const [whole, fraction] = String(value).split('.');
  const grouped = whole.replace(/^-/, '').length > 4 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** The table block a relation finding belongs to, from its first cell (`t3.granted.total` → `t3`). */
export function blockPrefixOf(cellId: string): string {
  const parts = cellId.split('.');
  return parts.slice(0, parts.length - 2).join('.');
}

/** The first of last year's cells a cross-year finding compares with. */
export function lastYearCell(finding: Finding): string {
  return ((finding.params?.lastYearCells as string[] | undefined) ?? [])[0] ?? '';
}
