/**
 * Saying what `carryOver` did, for the CLI (`nianbao template --last-year`) and the pane
 * (「从上年报告开始」) alike: how each rule carries, why a cell was not carried, and which row or
 * column a group of carried cells shares.
 */
import { cellsOf } from '../formats/registry';
import type { FormatDef } from '../formats/types';
import { namer } from '../messages';
import type { UncarriedCell } from './carry';

export const CARRY_TEXT = {
  'zh-CN': {
    how: { 't3.carryOver': '取自上年“四、结转下年度继续办理”', 't2.itemsRollForward': '按上年“上一年项目数量”加“本年增/减”' } as Partial<Record<string, string>>,
    reason: { notFound: '上年报告中没有相应栏目', blank: '上年报告该栏未填写', notNumber: '上年报告该栏不是有效数字', negative: '按上年数字推算为负数' } satisfies Record<UncarriedCell['reason'], string>,
  },
  en: {
    how: { 't3.carryOver': 'from last year’s 四、结转下年度继续办理', 't2.itemsRollForward': 'last year’s 上一年项目数量 plus 本年增/减' } as Partial<Record<string, string>>,
    reason: { notFound: 'not in last year’s report', blank: 'blank in last year’s report', notNumber: 'not a valid number in last year’s report', negative: 'last year’s figures give a negative count' } satisfies Record<UncarriedCell['reason'], string>,
  },
} as const;

/** The row all `cells` lie in (`二、上年结转政府信息公开申请数量`), else the column they share (`上一年项目数量`). */
export function sharedName(cells: readonly string[], format: FormatDef): string {
  const defs = cells.map((id) => cellsOf(format).get(id)).filter((d) => d !== undefined);
  const [first] = defs;
  if (!first) return '';
  if (defs.every((d) => d.block === first.block && d.row.id === first.row.id)) return namer(format).row(first.block.prefix, first.row.id);
  if (defs.every((d) => d.column.id === first.column.id)) return first.column.label;
  return cells.map((id) => namer(format).cell(id)).join('、');
}
