/** Where each generated section goes in the report, under the prescribed headings. */
import { SECTIONS } from '../document';
import type { NarrativeSections, SectionKey } from './generate';

export const SECTION_HEADINGS: Record<SectionKey, string> = {
  '一.主动公开': `${SECTIONS[0].heading}（一）主动公开`,
  '一.依申请公开': `${SECTIONS[0].heading}（二）依申请公开`,
  三: SECTIONS[2].heading,
  四: SECTIONS[3].heading,
  六: SECTIONS[5].heading,
};

/** The sections as heading/paragraph pairs, in report order. */
export function sectionParagraphs(sections: Partial<NarrativeSections>): { heading: string; text: string }[] {
  return (Object.keys(SECTION_HEADINGS) as SectionKey[]).filter((key) => sections[key] !== undefined).map((key) => ({ heading: SECTION_HEADINGS[key], text: sections[key] as string }));
}

/** Plain text: each heading on its own line, then its paragraph. */
export function sectionsText(sections: Partial<NarrativeSections>): string {
  return sectionParagraphs(sections)
    .map((p) => `${p.heading}\n${p.text}\n`)
    .join('\n');
}
