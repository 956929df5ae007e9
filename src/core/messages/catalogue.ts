import type { Finding } from '../engine/findings';
import type { RuleCode } from '../rules/codes';
import type { Namer } from './names';

/** One message function per finding code; a locale must cover every code (see the parity test). */
export type Catalogue = Record<RuleCode, (finding: Finding, names: Namer) => string>;

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
