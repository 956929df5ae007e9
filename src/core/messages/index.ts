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
