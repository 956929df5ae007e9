/** Format 2021, 国办公开办函〔2021〕30号: report years 2021 onward (current). */
import { OTHER_PROCESSING, T3_RESULTS, t2Layout, t3Block, t3Layout, t3t4Rules, t4Block, t4Layout } from './common';
import type { BlockDef, FormatDef } from './types';

const decisions = [{ id: 'decisions', label: '本年处理决定数量', kind: 'count' as const }];

const t2Blocks: BlockDef[] = [
  {
    prefix: 't2.art20_1',
    table: 't2',
    title: '第二十条第（一）项',
    columns: [
      { id: 'issued', label: '本年制发件数', kind: 'count' },
      { id: 'repealed', label: '本年废止件数', kind: 'count' },
      { id: 'inForce', label: '现行有效件数', kind: 'count' },
    ],
    rows: [
      { id: 'rules', labels: ['规章'] },
      { id: 'normative', labels: ['行政规范性文件'] },
    ],
  },
  {
    prefix: 't2.art20_5',
    table: 't2',
    title: '第二十条第（五）项',
    columns: decisions,
    rows: [{ id: 'license', labels: ['行政许可'] }],
  },
  {
    prefix: 't2.art20_6',
    table: 't2',
    title: '第二十条第（六）项',
    columns: decisions,
    rows: [
      { id: 'penalty', labels: ['行政处罚'] },
      { id: 'enforcement', labels: ['行政强制'] },
    ],
  },
  {
    prefix: 't2.art20_8',
    table: 't2',
    title: '第二十条第（八）项',
    columns: [{ id: 'amount', label: '本年收费金额（单位：万元）', kind: 'amountWan' }],
    rows: [{ id: 'fees', labels: ['行政事业性收费'] }],
  },
];

const t3 = t3Block([
  { id: 'other1', labels: [T3_RESULTS, OTHER_PROCESSING, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'] },
  { id: 'other2', labels: [T3_RESULTS, OTHER_PROCESSING, '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'] },
  { id: 'other3', labels: [T3_RESULTS, OTHER_PROCESSING, '3.其他'] },
]);

export const format2021: FormatDef = {
  id: '2021',
  name: '2021 年格式',
  issuedBy: '国办公开办函〔2021〕30号',
  years: { from: 2021 },
  comparableWith: [{ format: '2019', tables: ['t3', 't4'] }],
  layouts: [t2Layout, t3Layout, t4Layout],
  blocks: [...t2Blocks, t3, t4Block],
  rules: [
    ...t3t4Rules(t3),
    { kind: 'magnitude', code: 't2.feeMagnitude', cells: ['t2.art20_8.fees.amount'], ratio: 1000, absolute: 100000 },
    {
      kind: 'crossYear',
      code: 't2.stockFlow',
      block: 't2.art20_1',
      along: 'row',
      lhs: 'inForce',
      rhs: [
        { at: 'inForce', year: 'last' },
        { at: 'issued', year: 'this' },
        { at: 'repealed', year: 'this', sign: -1 },
      ],
    },
  ],
};
