/** Message lookup: wording per locale, kept outside the engine. */
import type { Finding } from '../engine/findings';
import type { FormatDef } from '../formats/types';
import { figure, type Catalogue, type HeadlineWording } from './catalogue';
import { en, enHeadline } from './en';
import { namer } from './names';
import { zhCN, zhCNHeadline } from './zh-CN';

export type Locale = 'zh-CN' | 'en';

export const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };

export function isLocale(value: string): value is Locale {
  return value in catalogues;
}

export function messageFor(finding: Finding, format: FormatDef, locale: Locale = 'zh-CN'): string {
  return catalogues[locale][finding.code](finding, namer(format));
}

export const headlineWordings: Record<Locale, HeadlineWording> = { 'zh-CN': zhCNHeadline, en: enHeadline };

/**
 * Where a finding is, for its headline: what the text states for `narrative.mismatch` (its figure
 * is a sum over a row or several cells, not the first cell's), the first cell otherwise; nothing
 * for import findings, whose cells are whatever recognition could not place.
 */
function placeOf(finding: Finding, format: FormatDef): string {
  if (finding.code === 'narrative.mismatch' && typeof finding.params?.statement === 'string') return finding.params.statement;
  if (finding.cells.length === 0 || finding.code.startsWith('import.')) return '';
  return namer(format).cell(finding.cells[0]);
}

/**
 * A finding's one-line headline: where it is, then its two figures, each named for what it is
 * (`行政复议 / 总计：表内 4，应为 3，相差 +1`; `予以公开及部分公开：正文 258，表格 275，相差 -17`).
 * Empty when the finding has neither a place nor two figures.
 */
export function headlineFor(finding: Finding, format: FormatDef, locale: Locale = 'zh-CN'): string {
  const wording = headlineWordings[locale];
  const place = placeOf(finding, format);
  const sides = wording.sides[finding.code];
  if (!sides || typeof finding.actual !== 'number' || typeof finding.expected !== 'number') return place;
  const unit = finding.params?.percent ? '%' : '';
  const relation = wording.relation(sides, `${figure(finding.actual)}${unit}`, `${figure(finding.expected)}${unit}`, finding.difference);
  return place ? `${place}${wording.separator}${relation}` : relation;
}

export { namer } from './names';

/** A finding as the public JSON interface writes it (CLI `--json`, the JSON export): the message included. */
export function findingJson(finding: Finding, format: FormatDef, locale: Locale = 'zh-CN'): Record<string, unknown> {
  return {
    code: finding.code,
    severity: finding.severity,
    cells: finding.cells,
    expected: finding.expected,
    actual: finding.actual,
    difference: finding.difference,
    message: messageFor(finding, format, locale),
    ...(finding.where !== undefined ? { where: finding.where } : {}),
    ...(finding.likelyCulprit ? { likelyCulprit: finding.likelyCulprit } : {}),
  };
}
