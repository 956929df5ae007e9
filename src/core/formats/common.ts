/**
 * Parts of the prescribed tables that are identical in format 2019 and format 2021
 * (t3 columns and most t3 rows, all of t4). Labels are verbatim from the prescribed format.
 */
import type { BlockDef, ColumnDef, RowDef, RuleTemplate, TableLayout } from './types';

export const T3_RESULTS = '三、本年度办理结果';

export const t3Columns: readonly ColumnDef[] = [
  { id: 'natural', label: '自然人', kind: 'count' },
  { id: 'commercial', label: '商业企业', group: '法人或其他组织', kind: 'count' },
  { id: 'research', label: '科研机构', group: '法人或其他组织', kind: 'count' },
  { id: 'nonprofit', label: '社会公益组织', group: '法人或其他组织', kind: 'count' },
  { id: 'legal', label: '法律服务机构', group: '法人或其他组织', kind: 'count' },
  { id: 'otherOrg', label: '其他', group: '法人或其他组织', kind: 'count' },
  { id: 'total', label: '总计', kind: 'count' },
];

const DENIED = '（三）不予公开';
const UNAVAILABLE = '（四）无法提供';
const NOT_PROCESSED = '（五）不予处理';
export const OTHER_PROCESSING = '（六）其他处理';

/** Rows before the 其他处理 rows, shared by both formats. */
export const t3RowsHead: readonly RowDef[] = [
  { id: 'received', labels: ['一、本年新收政府信息公开申请数量'] },
  { id: 'carriedIn', labels: ['二、上年结转政府信息公开申请数量'] },
  { id: 'granted', labels: [T3_RESULTS, '（一）予以公开'] },
  { id: 'partial', labels: [T3_RESULTS, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'] },
  { id: 'denied1', labels: [T3_RESULTS, DENIED, '1.属于国家秘密'] },
  { id: 'denied2', labels: [T3_RESULTS, DENIED, '2.其他法律行政法规禁止公开'] },
  { id: 'denied3', labels: [T3_RESULTS, DENIED, '3.危及“三安全一稳定”'] },
  { id: 'denied4', labels: [T3_RESULTS, DENIED, '4.保护第三方合法权益'] },
  { id: 'denied5', labels: [T3_RESULTS, DENIED, '5.属于三类内部事务信息'] },
  { id: 'denied6', labels: [T3_RESULTS, DENIED, '6.属于四类过程性信息'] },
  { id: 'denied7', labels: [T3_RESULTS, DENIED, '7.属于行政执法案卷'] },
  { id: 'denied8', labels: [T3_RESULTS, DENIED, '8.属于行政查询事项'] },
  { id: 'unavailable1', labels: [T3_RESULTS, UNAVAILABLE, '1.本机关不掌握相关政府信息'] },
  { id: 'unavailable2', labels: [T3_RESULTS, UNAVAILABLE, '2.没有现成信息需要另行制作'] },
  { id: 'unavailable3', labels: [T3_RESULTS, UNAVAILABLE, '3.补正后申请内容仍不明确'] },
  { id: 'notProcessed1', labels: [T3_RESULTS, NOT_PROCESSED, '1.信访举报投诉类申请'] },
  { id: 'notProcessed2', labels: [T3_RESULTS, NOT_PROCESSED, '2.重复申请'] },
  { id: 'notProcessed3', labels: [T3_RESULTS, NOT_PROCESSED, '3.要求提供公开出版物'] },
  { id: 'notProcessed4', labels: [T3_RESULTS, NOT_PROCESSED, '4.无正当理由大量反复申请'] },
  { id: 'notProcessed5', labels: [T3_RESULTS, NOT_PROCESSED, '5.要求行政机关确认或重新出具已获取信息'] },
];

/** Rows after the 其他处理 rows, shared by both formats. */
export const t3RowsTail: readonly RowDef[] = [
  { id: 'resultTotal', labels: [T3_RESULTS, '（七）总计'] },
  { id: 'carriedOver', labels: ['四、结转下年度继续办理'] },
];

export const t3Layout: TableLayout = {
  table: 't3',
  heading: '三、收到和处理政府信息公开申请情况',
  title: '收到和处理政府信息公开申请情况',
  labelColumns: 3,
  headerRows: 3,
  note: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  groups: [
    { label: '申请人情况', columns: ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'] },
    { label: '法人或其他组织', columns: ['commercial', 'research', 'nonprofit', 'legal', 'otherOrg'] },
  ],
};

/** Builds t3 for a format from the rows that differ (其他处理). */
export function t3Block(otherRows: readonly RowDef[]): BlockDef {
  return { prefix: 't3', table: 't3', columns: t3Columns, rows: [...t3RowsHead, ...otherRows, ...t3RowsTail] };
}

/** Outcome rows whose sum is （七）总计, for a format's t3 block. */
export function t3OutcomeRows(block: BlockDef): string[] {
  const first = block.rows.findIndex((r) => r.id === 'granted');
  const last = block.rows.findIndex((r) => r.id === 'resultTotal');
  return block.rows.slice(first, last).map((r) => r.id);
}

const t4Columns: readonly ColumnDef[] = [
  { id: 'upheld', label: '结果维持', kind: 'count' },
  { id: 'corrected', label: '结果纠正', kind: 'count' },
  { id: 'other', label: '其他结果', kind: 'count' },
  { id: 'pending', label: '尚未审结', kind: 'count' },
  { id: 'total', label: '总计', kind: 'count' },
];

/**
 * t4 prints one value row of 15 cells; we model its three groups as rows so that every cell is
 * `t4.<group>.<column>` and the group total repeats "along row" like t3's row totals.
 */
export const t4Block: BlockDef = {
  prefix: 't4',
  table: 't4',
  columns: t4Columns,
  rows: [
    { id: 'review', labels: ['行政复议'] },
    { id: 'suitDirect', labels: ['行政诉讼', '未经复议直接起诉'] },
    { id: 'suitAfterReview', labels: ['行政诉讼', '复议后起诉'] },
  ],
};

export const t4Layout: TableLayout = {
  table: 't4',
  heading: '四、政府信息公开行政复议、行政诉讼情况',
  title: '政府信息公开行政复议、行政诉讼情况',
  labelColumns: 0,
  headerRows: 3,
  groups: [
    { label: '行政复议', columns: ['review'] },
    { label: '行政诉讼', columns: ['suitDirect', 'suitAfterReview'] },
  ],
};

export const t2Layout: TableLayout = {
  table: 't2',
  heading: '二、主动公开政府信息情况',
  title: '主动公开政府信息情况',
  labelColumns: 1,
  headerRows: 0,
};

/** Rules on t3 and t4 that both formats share. */
export function t3t4Rules(t3: BlockDef): RuleTemplate[] {
  const parts = t3Columns.filter((c) => c.id !== 'total').map((c) => c.id);
  return [
    { kind: 'identity', code: 't3.balance', block: 't3', along: 'column', lhs: ['received', 'carriedIn'], rhs: ['resultTotal', 'carriedOver'] },
    { kind: 'sum', code: 't3.rowTotal', block: 't3', along: 'row', total: 'total', parts },
    { kind: 'sum', code: 't3.resultTotal', block: 't3', along: 'column', total: 'resultTotal', parts: t3OutcomeRows(t3) },
    { kind: 'sum', code: 't4.groupTotal', block: 't4', along: 'row', total: 'total', parts: ['upheld', 'corrected', 'other', 'pending'] },
    { kind: 'crossYear', code: 't3.carryOver', block: 't3', along: 'column', lhs: 'carriedIn', rhs: [{ at: 'carriedOver', year: 'last' }] },
  ];
}
