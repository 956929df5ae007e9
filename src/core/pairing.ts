/**
 * Pairing each report of a batch with the same body's report of the previous year, so the
 * cross-year rules (`t3.carryOver`, `t2.stockFlow`, `t2.itemsRollForward`) and the 内容雷同 check
 * run without the user naming last year's file. Bodies are compared by `bodyKey`: the name as
 * titles write it, with what varies between years' titles taken out and nothing else, so
 * 某县人民政府 and 某县人民政府办公室 stay two bodies.
 */

/** A report as the batch saw it: its body's key (`bodyKey`) and its year, where the report states them. */
export interface ReportIdentity {
  body?: string;
  year?: number;
}

/**
 * `lastYear`: last year's report is `identities[lastYear]`. `candidates`: more than one report of
 * the same body and year − 1, so none is chosen (the user is warned). Neither: no such report, or
 * the body or year is unknown.
 */
export interface Pairing {
  lastYear?: number;
  /** Shared between the reports that have the same candidates: not to be changed. */
  candidates?: readonly number[];
}

/** Brackets enclosing a remark (（汇总全区）、【2022】、〔含下属单位〕), after NFKC folded full-width ( ) [ ]. */
const REMARK = /[([【〔][^()[\]【】〔〕]*[)\]】〕]/g;
const SPACE = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/**
 * The body's name compared across years: NFKC (full- and half-width alike), white space and
 * bracketed remarks removed, quotation marks and 《》 dropped. Undefined for an empty name.
 */
export function bodyKey(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const key = name.normalize('NFKC').replace(SPACE, '').replace(REMARK, '').replace(/[《》“”"'‘’]/g, '');
  return key === '' ? undefined : key;
}

/**
 * For each report, the index of the same body's report of the year before, among `identities`.
 * A report with two or more such candidates is left unpaired and names them, so that nothing is
 * compared with the wrong report (two copies of last year's report, or two units that titles
 * fail to tell apart).
 */
export function pairByYear(identities: readonly ReportIdentity[]): Pairing[] {
  const byBodyYear = new Map<string, number[]>();
  const keyOf = (body: string, year: number): string => `${year}\u0000${body}`;
  identities.forEach(({ body, year }, index) => {
    if (body === undefined || year === undefined) return;
    const key = keyOf(body, year);
    const list = byBodyYear.get(key);
    if (list) list.push(index);
    else byBodyYear.set(key, [index]);
  });
  return identities.map(({ body, year }): Pairing => {
    if (body === undefined || year === undefined) return {};
    const candidates = byBodyYear.get(keyOf(body, year - 1));
    if (!candidates) return {};
    return candidates.length === 1 ? { lastYear: candidates[0] } : { candidates };
  });
}
