/**
 * The issuing body's name from a report's title (`淮安市人民政府` over
 * `2024 年政府信息公开工作年度报告`, or `2019年上海市人民政府办公厅政府信息公开工作年度报告`
 * on one line), for the narrative's subject when the user names none.
 */
import type { ReadResult } from '../import/grid';

const TITLE = /政府信息公开(?:工作)?年度报告/;
/** What may surround the name on the title line: the year, 关于, a leading 《. */
const AROUND = /^(?:《)?(?:关于)?(?:20\d\d年度?)?|(?:关于)?(?:20\d\d年度?)?(?:的)?$/g;
/** Brackets either width: a remark such as （汇总全区） is typed with half-width ones as often. */
const PLAIN_NAME = /^[\u4e00-\u9fff（）()【】·]{2,30}$/;

/** White space removed, full-width digits folded; the name itself is kept as written. */
function compact(line: string): string {
  return line.replace(/[\s\u00a0\u3000]+/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** The body named in the title within the first lines, or undefined when the title names none. */
export function detectBody(lines: readonly string[]): string | undefined {
  const head = lines.slice(0, 40).map(compact);
  const at = head.findIndex((l) => TITLE.test(l) && l.length <= 60);
  if (at < 0) return undefined;
  const before = head[at].slice(0, head[at].search(TITLE)).replace(AROUND, '');
  if (PLAIN_NAME.test(before)) return before;
  // The name on a line of its own above the title.
  for (let k = at - 1; k >= Math.max(0, at - 3); k--) {
    const line = head[k].replace(AROUND, '');
    if (line === '') continue;
    return PLAIN_NAME.test(line) ? line : undefined;
  }
  return undefined;
}

/** The body a report names: a JSON file's `body`, else its title in the running text or, for a workbook, its cells. */
export function bodyOf(read: ReadResult): string | undefined {
  if (read.meta?.body?.trim()) return read.meta.body.trim();
  const lines = read.text ?? read.grids.flatMap((g) => g.rows.slice(0, 10).map((r) => r.cells.map((c) => (typeof c.value === 'string' ? c.value : '')).join('')));
  return detectBody(lines);
}
