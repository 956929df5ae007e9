/** English messages (for reviewers and tooling); table labels stay in Chinese, as printed. */
import type { Finding } from '../engine/findings';
import { blockPrefixOf, figure, lastYearCell, type Catalogue, type HeadlineWording, type Sides } from './catalogue';
import type { Namer } from './names';

const q = (text: string): string => `"${text}"`;

function gap(f: Finding): string {
  const d = f.difference ?? 0;
  return d > 0 ? `${figure(d)} too many` : `${figure(-d)} too few`;
}

function culprit(f: Finding, n: Namer): string {
  if (!f.likelyCulprit) return 'Check each figure and correct it.';
  return `Cross-checking rows and columns, the likely wrong cell is ${q(n.cell(f.likelyCulprit.cell))}: with ${figure(f.likelyCulprit.value)} there, every total it is part of holds.`;
}

function importWhere(f: Finding, n: Namer): string {
  const block = f.params?.block as string | undefined;
  return block ? n.block(block) : n.table(f.params?.table as 't2' | 't3' | 't4');
}

export const en: Catalogue = {
  't3.balance': (f, n) =>
    `Column ${q(n.column('t3', f.where ?? ''))} does not balance: new plus carried-in applications are ${figure(f.actual)}, ` +
    `results total plus carried-over are ${figure(f.expected)} (${gap(f)}). Items 1 + 2 must equal items 3 + 4. ${culprit(f, n)}`,
  't3.rowTotal': (f, n) => `${q(n.cell(f.cells[0]))} states ${figure(f.actual)} but the applicant columns of its row add up to ${figure(f.expected)} (${gap(f)}). ${culprit(f, n)}`,
  't3.resultTotal': (f, n) =>
    `${q(n.cell(f.cells[0]))} states ${figure(f.actual)} but results (一)–(六) of its column add up to ${figure(f.expected)} (${gap(f)}). Each application counts under one result only. ${culprit(f, n)}`,
  't4.groupTotal': (f, n) => `${q(n.cell(f.cells[0]))} states ${figure(f.actual)} but upheld, corrected, other and pending add up to ${figure(f.expected)} (${gap(f)}). ${culprit(f, n)}`,
  'cell.notNumber': (f, n) => {
    const blocked = ((f.params?.blocks as string[] | undefined) ?? []).length;
    return `${q(n.cell(f.cells[0]))} holds "${figure(f.actual)}", which is not a number; enter a number (0 if none).${blocked ? ` ${blocked} check(s) involving it are skipped until then.` : ''}`;
  },
  'cell.negative': (f, n) => `${q(n.cell(f.cells[0]))} is negative (${figure(f.actual)}); it cannot be. Correct it.`,
  'cell.notInteger': (f, n) => `${q(n.cell(f.cells[0]))} is ${figure(f.actual)}; it must be a whole number.`,
  'cell.placeholder': (f, n) => `${q(n.cell(f.cells[0]))} holds "${String(f.actual).trim()}" instead of a number; write 0 where nothing happened.`,
  'cell.blank': (f, n) => `${q(n.cell(f.cells[0]))} is empty; the format expects an explicit 0 (counted as 0 for now).`,
  'cell.unitInCell': (f, n) => `${q(n.cell(f.cells[0]))} holds "${figure(f.actual)}" with the unit "${String(f.params?.unit)}"; read as ${figure(f.params?.value as number)}. Cells should hold numbers only.`,
  't2.publishedExceedsTotal': (f, n) =>
    `${q(n.row(blockPrefixOf(f.cells[0]), f.where ?? ''))}: newly published (${figure(f.actual)}) exceeds the total published (${figure(f.expected)}) by ${figure(f.difference)}.`,
  't2.feeMagnitude': (f, n) => {
    const last = f.params?.lastYear as number | null;
    const why = last ? `at least ${figure(f.params?.ratio as number)} times last year's ${figure(last)}` : `over ${figure(f.params?.absolute as number)}`;
    return `${q(n.cell(f.cells[0]))} is ${figure(f.actual)} (万元), ${why}: it looks like it was entered in 元.`;
  },
  't3.carryOver': (f, n) =>
    `${q(n.cell(f.cells[0]))} is ${figure(f.actual)} but last year's ${q(n.cell(lastYearCell(f)))} was ${figure(f.expected)} (${gap(f)}).`,
  't2.stockFlow': (f, n) =>
    `${q(n.cell(f.cells[0]))} is ${figure(f.actual)}; last year's figure plus issued minus repealed gives ${figure(f.expected)} (${gap(f)}). Accept with a reason if documents expired or were amended.`,
  't2.itemsRollForward': (f, n) =>
    `${q(n.cell(f.cells[0]))} is ${figure(f.actual)}; last year's items plus last year's change give ${figure(f.expected)} (${gap(f)}).`,
  'format.yearMismatch': (f) => `A report for ${String(f.params?.year)} must use format ${figure(f.expected)}, but its tables are format ${figure(f.actual)}.`,
  'narrative.mismatch': (f) => {
    const said = `The text "${String(f.params?.sentence ?? '')}"`;
    if (f.params?.fact) return `${said} says "${String(f.params?.statement)}", but the corresponding table cells add up to ${figure(f.expected)}, not 0.`;
    if (f.params?.percent) return `${said} gives ${figure(f.actual)}%; the tables give ${figure(f.expected)}% of the results total (${figure(Math.abs(f.difference ?? 0))} points apart).`;
    return `${said} states ${String(f.params?.statement)} ${figure(f.actual)}; the tables give ${figure(f.expected)} (${gap(f)}).`;
  },
  'doc.missingSection': (f) => `Section "${String(f.params?.section ?? '')}" is missing or out of order; the report has six sections.`,
  'doc.missingTable': (f, n) => `Section ${q(n.table(f.params?.table as 't2' | 't3' | 't4'))} has a heading but no table.`,
  'import.tableNotFound': (f, n) => `Table ${q(n.table(f.params?.table as 't2' | 't3' | 't4'))} was not found. Check that it was pasted completely with the prescribed labels.`,
  'import.partialTable': (f, n) => {
    const rows = ((f.params?.missingRows as string[] | undefined) ?? []).map((r) => q(n.row(f.params?.block as string, r)));
    return `${q(importWhere(f, n))} is incomplete; missing: ${rows.join(', ')}.`;
  },
  'import.ambiguous': (f, n) => {
    const block = f.params?.block as string | undefined;
    const row = f.params?.row as string | undefined;
    const where = row && block ? n.row(block, row) : importWhere(f, n);
    const at = f.params?.source ? ` (${String(f.params.source)})` : '';
    switch (f.params?.reason) {
      case 'cellCount':
        return `Row ${q(where)}${at} has ${figure(f.params?.found as number)} figures where ${figure(f.params?.expected as number)} are expected; which figure belongs to which column cannot be told, so none is guessed.`;
      case 'duplicateRow':
        return `Row ${q(where)} appears more than once (${((f.params?.sources as string[]) ?? []).join(', ')}); keep one report only.`;
      case 'duplicateTable':
        return `Table ${q(where)} appears more than once (${((f.params?.sources as string[]) ?? []).join(', ')}); keep one report only.`;
      case 'runTogether': {
        const rows = ((f.params?.rows as string[] | undefined) ?? []).map((r) => q(n.row(block ?? '', r)));
        return `In ${q(importWhere(f, n))}, the figures of ${rows.join(', ')} ran together and ${figure(f.params?.fits as number)} ways of splitting them satisfy every relation; none is guessed.`;
      }
      case 'unlabelledRows':
        return `${q(where)} has ${figure(f.params?.found as number)} rows of figures that cannot be tied to their labels.`;
      case 'rowOrder':
        return `The rows of ${q(where)} are not in the prescribed order and cannot be read reliably.`;
      default:
        return `${q(where)} cannot be read unambiguously.`;
    }
  },
  'doc.sameAsLastYear': (f) =>
    `Section "${String(f.params?.section ?? '')}" is ${figure(f.params?.similarity as number)}% the same as last year's (figures and dates masked); rewrite it for this year.`,
  'import.reconstructed': (f, n) => {
    const block = (f.params?.block as string | undefined) ?? String(f.params?.table ?? '');
    const rows = ((f.params?.rows as string[] | undefined) ?? []).map((r) => q(n.row(block, r)));
    return `In ${q(importWhere(f, n))}, the figures of ${rows.join(', ')} ran together; exactly one split satisfies every relation of the table, and they were read that way. Compare with the original.`;
  },
};

/** A total against the sum of its parts: the cell as filled in, and what the parts add up to. */
const TOTAL: Sides = { actual: 'stated', expected: 'expected' };

export const enHeadline: HeadlineWording = {
  sides: {
    't3.balance': { actual: 'items 1 + 2', expected: 'items 3 + 4' },
    't3.rowTotal': TOTAL,
    't3.resultTotal': TOTAL,
    't4.groupTotal': TOTAL,
    'cell.notNumber': null,
    'cell.negative': null,
    'cell.notInteger': null,
    'cell.placeholder': null,
    'cell.blank': null,
    'cell.unitInCell': null,
    't2.publishedExceedsTotal': { actual: 'published this year', expected: 'total published' },
    't2.feeMagnitude': { actual: 'stated', expected: 'threshold' },
    't3.carryOver': { actual: 'carried in', expected: "last year's carried over" },
    't2.stockFlow': { actual: 'stated', expected: 'rolled forward' },
    't2.itemsRollForward': { actual: 'stated', expected: 'rolled forward' },
    'format.yearMismatch': null,
    'narrative.mismatch': { actual: 'text', expected: 'tables' },
    'doc.missingSection': null,
    'doc.missingTable': null,
    'import.tableNotFound': null,
    'import.partialTable': null,
    'import.ambiguous': null,
    'doc.sameAsLastYear': null,
    'import.reconstructed': null,
  },
  relation: (sides, actual, expected, difference) => `${sides.actual} ${actual}, ${sides.expected} ${expected}${difference === null ? '' : `, difference ${figure(difference)}`}`,
  separator: ': ',
};
