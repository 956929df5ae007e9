/** Format 2019 （试行）, 国办公开办函〔2019〕60号: report years 2019 and 2020. */
import { OTHER_PROCESSING, T3_RESULTS, t2Layout, t3Block, t3Layout, t3t4Rules, t4Block, t4Layout } from './common';
import type { BlockDef, ColumnDef, FormatDef } from './types';

const itemColumns = (withDecisions: boolean): ColumnDef[] => [
  { id: 'lastYearItems', label: '上一年项目数量', kind: 'count' },
  { id: 'change', label: '本年增/减', kind: 'change' },
  ...(withDecisions ? [{ id: 'decisions', label: '处理决定数量', kind: 'count' as const }] : []),
];

const t2Blocks: BlockDef[] = [
  {
    prefix: 't2.art20_1',
    table: 't2',
    title: '第二十条第（一）项',
    columns: [
      { id: 'made', label: '本年新制作数量', kind: 'count' },
      { id: 'published', label: '本年新公开数量', kind: 'count' },
      { id: 'totalPublished', label: '对外公开总数量', kind: 'count' },
    ],
    rows: [
      { id: 'rules', labels: ['规章'] },
      { id: 'normative', labels: ['规范性文件'] },
    ],
  },
  {
    prefix: 't2.art20_5',
    table: 't2',
    title: '第二十条第（五）项',
    columns: itemColumns(true),
    rows: [
      { id: 'license', labels: ['行政许可'] },
      { id: 'otherServices', labels: ['其他对外管理服务事项'] },
    ],
  },
  {
    prefix: 't2.art20_6',
    table: 't2',
    title: '第二十条第（六）项',
    columns: itemColumns(true),
    rows: [
      { id: 'penalty', labels: ['行政处罚'] },
      { id: 'enforcement', labels: ['行政强制'] },
    ],
  },
  {
    prefix: 't2.art20_8',
    table: 't2',
    title: '第二十条第（八）项',
    columns: itemColumns(false),
    rows: [{ id: 'fees', labels: ['行政事业性收费'] }],
  },
  {
    prefix: 't2.art20_9',
    table: 't2',
    title: '第二十条第（九）项',
    columns: [
      { id: 'projects', label: '采购项目数量', kind: 'count' },
      { id: 'amount', label: '采购总金额', kind: 'amount' },
    ],
    rows: [{ id: 'procurement', labels: ['政府集中采购'] }],
  },
];

const t3 = t3Block([{ id: 'other', labels: [T3_RESULTS, OTHER_PROCESSING] }]);

export const format2019: FormatDef = {
  id: '2019',
  name: '2019 年格式（试行）',
  issuedBy: '国办公开办函〔2019〕60号',
  years: { from: 2019, to: 2020 },
  layouts: [t2Layout, t3Layout, t4Layout],
  blocks: [...t2Blocks, t3, t4Block],
  rules: [
    ...t3t4Rules(t3),
    { kind: 'bound', code: 't2.publishedExceedsTotal', block: 't2.art20_1', along: 'row', lhs: 'published', rhs: 'totalPublished' },
    ...['t2.art20_5', 't2.art20_6', 't2.art20_8'].map((block) => ({
      kind: 'crossYear' as const,
      code: 't2.itemsRollForward',
      block,
      along: 'row' as const,
      lhs: 'lastYearItems',
      rhs: [
        { at: 'lastYearItems', year: 'last' as const },
        { at: 'change', year: 'last' as const },
      ],
    })),
  ],
};
