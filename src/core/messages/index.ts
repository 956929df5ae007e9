/** Message lookup: wording per locale, kept outside the engine. */
import type { Finding } from '../engine/findings';
import type { FormatDef } from '../formats/types';
import type { Catalogue } from './catalogue';
import { en } from './en';
import { namer } from './names';
import { zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en';

export const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };

export function isLocale(value: string): value is Locale {
  return value in catalogues;
}

export function messageFor(finding: Finding, format: FormatDef, locale: Locale = 'zh-CN'): string {
  return catalogues[locale][finding.code](finding, namer(format));
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
