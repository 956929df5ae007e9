/** Choosing the format version from the labels that only one format prints. */
import { formats } from '../../formats/registry';
import type { FormatDef } from '../../formats/types';
import type { LabelHit } from '../labels';
import { DICTIONARY, printedLabels, type Row } from './rows';

/** Labels printed by exactly one format (t2 columns and rows, 2021's 其他处理 items): dictionary id → owner. */
const OWNERS: ReadonlyMap<number, FormatDef> = (() => {
  const sets = formats.map((f) => new Set(printedLabels(f).map((l) => DICTIONARY.idOf(l))));
  const owners = new Map<number, FormatDef>();
  sets.forEach((set, k) => {
    for (const id of set) if (!sets.some((other, j) => j !== k && other.has(id))) owners.set(id, formats[k]);
  });
  return owners;
})();

/** The format whose own labels the rows carry most, or undefined when they do not tell. */
export function detectFormat(rows: readonly Row[]): FormatDef | undefined {
  const votes = new Map<FormatDef, number>();
  for (const row of rows) {
    for (const c of row.cells) {
      // A cell votes for the owner of the distinguishing label it matches best (ties: the first).
      let best: LabelHit | undefined;
      for (const hit of c.hits) if (OWNERS.has(hit.id) && (!best || hit.score > best.score)) best = hit;
      if (!best || best.score < 0.9) continue;
      const owner = OWNERS.get(best.id) as FormatDef;
      votes.set(owner, (votes.get(owner) ?? 0) + 1);
    }
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  return ranked.length > 0 && (ranked.length === 1 || ranked[0][1] > ranked[1][1]) ? ranked[0][0] : undefined;
}
