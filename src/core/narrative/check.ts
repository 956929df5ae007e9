/**
 * The narrative check: finds the figures the report's text states (收到 X 件, 予以公开 Y 件,
 * 占 p%, 均获维持 …) and compares them with the tables per the spec's mapping, yielding
 * `narrative.mismatch` warnings that quote the sentence, the stated figure and the table's.
 */
import type { Finding } from '../engine/findings';
import type { ParsedCells } from '../engine/validate';
import type { FormatDef } from '../formats/types';
import { severityOf } from '../rules/codes';
import { Decimal } from '../values/decimal';
import { FACT_STATEMENTS, FIGURE_STATEMENTS, statementCells } from './figures';

/** A line of a table rather than prose: tab-separated cells, or several figures with no punctuation. */
function isTableLine(line: string): boolean {
  if (line.includes('\t')) return true;
  return !/[，。；：、,;]/.test(line) && (line.match(/\d+(?:\.\d+)?/g)?.length ?? 0) >= 2;
}

/** Words a clause states a fact the tables decide with (`维持`, `未收到`…). */
const FACT_WORDS = ['维持', '败诉', '未收到', '未受理', '未发生', '未出现', '未产生'];

/** A clause can only state a figure (`N件`) or a fact the tables decide; most prose does neither. */
const STATES_SOMETHING = new RegExp(`[0-9０-９]件|${FACT_WORDS.join('|')}`);

/**
 * Clauses of the prose that state something: lines joined as the page wraps them, white space
 * removed, split at 。；！？. `text` is as written (for quoting), `folded` has full-width forms
 * folded (for matching).
 */
export function clauses(lines: readonly string[]): { text: string; folded: string }[] {
  const prose = lines.filter((l) => !isTableLine(l)).join('').replace(/[\s\u00a0\u3000]+/g, '');
  return prose
    .split(/[。;；!！?？]/)
    .filter((c) => STATES_SOMETHING.test(c))
    .map((text) => ({ text, folded: text.normalize('NFKC') }));
}

/** Σ of the cells, or undefined when one is missing or unreadable (its own finding says so). */
function sum(cells: readonly string[], parsed: ParsedCells): Decimal | undefined {
  let total = Decimal.ZERO;
  for (const id of cells) {
    const value = parsed.get(id)?.value;
    if (!value) return undefined;
    total = total.add(value);
  }
  return total;
}

const QUOTE_LIMIT = 80;

function quote(clause: string): string {
  return clause.length <= QUOTE_LIMIT ? clause : `${clause.slice(0, QUOTE_LIMIT)}……`;
}

/** n/d as a percentage to `decimals` places, truncated and rounded half up (exact: whole counts only). */
function percentage(n: Decimal, d: Decimal, decimals: number): { truncated: Decimal; rounded: Decimal } {
  const numerator = BigInt(n.toString()) * 100n * 10n ** BigInt(decimals);
  const denominator = BigInt(d.toString());
  const asDecimal = (v: bigint): Decimal => Decimal.fromInt(v).shiftLeft(decimals);
  return { truncated: asDecimal(numerator / denominator), rounded: asDecimal((2n * numerator + denominator) / (2n * denominator)) };
}

function mismatch(clause: string, statement: string, cells: string[], stated: Decimal, table: Decimal, extra: Record<string, unknown> = {}): Finding {
  return {
    code: 'narrative.mismatch',
    severity: severityOf('narrative.mismatch'),
    cells,
    expected: table.toNumber(),
    actual: stated.toNumber(),
    difference: stated.sub(table).toNumber(),
    params: { sentence: quote(clause), statement, ...extra },
  };
}

/** Every figure the text states that the tables do not bear out. */
export function checkNarrative(lines: readonly string[], format: FormatDef, parsed: ParsedCells): Finding[] {
  const findings: Finding[] = [];
  const denominator = parsed.get('t3.resultTotal.total')?.value ?? undefined;
  for (const { text: clause, folded } of clauses(lines)) {
    let rest = folded;
    for (const statement of FIGURE_STATEMENTS) {
      for (const match of [...rest.matchAll(statement.pattern)]) {
        // Mask what matched so a shorter phrase (予以公开) does not read it again.
        rest = rest.slice(0, match.index) + '#'.repeat(match[0].length) + rest.slice((match.index ?? 0) + match[0].length);
        const stated = Decimal.parse(match.groups?.n ?? match.groups?.m ?? '');
        const cells = statementCells(statement, format);
        const table = sum(cells, parsed);
        if (!stated || !table) continue;
        if (!stated.equals(table)) {
          findings.push(mismatch(clause, statement.label, cells, stated, table));
          continue;
        }
        // 占 p%: against （七）总计, checked only when the count itself agrees (one finding per clause part).
        const share = /^,?(?:占(?:比)?|比例为)(\d+(?:\.\d+)?)%/.exec(folded.slice((match.index ?? 0) + match[0].length));
        const statedShare = share ? Decimal.parse(share[1]) : undefined;
        if (share && statedShare && denominator?.isInteger() && stated.isInteger() && !denominator.isZero()) {
          // Reports round or truncate; either is accepted at the precision the text uses.
          const { truncated, rounded } = percentage(stated, denominator, share[1].split('.')[1]?.length ?? 0);
          if (!statedShare.equals(truncated) && !statedShare.equals(rounded)) {
            findings.push(mismatch(clause, `${statement.label}占比`, [...cells, 't3.resultTotal.total'], statedShare, rounded, { percent: true }));
          }
        }
      }
    }
    for (const fact of FACT_STATEMENTS) {
      if (!fact.pattern.test(folded)) continue;
      const table = sum(fact.mustBeZero, parsed);
      if (table && !table.isZero()) findings.push(mismatch(clause, fact.label, [...fact.mustBeZero], Decimal.ZERO, table, { fact: true }));
    }
  }
  return findings;
}
