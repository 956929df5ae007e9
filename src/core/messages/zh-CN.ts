/** 简体中文提示。用语与规定格式一致；每条说明问题、两边数字、差额和处理办法。 */
import type { Finding } from '../engine/findings';
import { blockPrefixOf, figure, lastYearCell, type Catalogue, type HeadlineWording, type Sides } from './catalogue';
import type { Namer } from './names';

const q = (text: string): string => `「${text}」`;

/** 「多/少 n」: how the left-hand side differs from what the relation requires. */
function gap(f: Finding): string {
  const d = f.difference ?? 0;
  return d > 0 ? `多 ${figure(d)}` : `少 ${figure(-d)}`;
}

function culprit(f: Finding, n: Namer): string {
  if (!f.likelyCulprit) return '请逐项核对后更正。';
  return `经行列交叉核对，最可能填错的是${q(n.cell(f.likelyCulprit.cell))}：若改为 ${figure(f.likelyCulprit.value)}，相关合计均可成立。请核实后更正。`;
}

function blocked(f: Finding): string {
  const rules = (f.params?.blocks as string[] | undefined) ?? [];
  return rules.length > 0 ? `更正之前，涉及此单元格的 ${rules.length} 项校验暂不进行。` : '';
}

function importWhere(f: Finding, n: Namer): string {
  const block = f.params?.block as string | undefined;
  return block ? n.block(block) : n.table(f.params?.table as 't2' | 't3' | 't4');
}

export const zhCN: Catalogue = {
  't3.balance': (f, n) =>
    `${q(n.column('t3', f.where ?? ''))}列勾稽关系不成立：一、本年新收与二、上年结转之和为 ${figure(f.actual)}，` +
    `（七）总计与四、结转下年度继续办理之和为 ${figure(f.expected)}，前者比后者${gap(f)}。` +
    `按规定，第一项加第二项之和应等于第三项加第四项之和。${culprit(f, n)}`,
  't3.rowTotal': (f, n) =>
    `${q(n.cell(f.cells[0]))}填写为 ${figure(f.actual)}，同行自然人与各类法人或其他组织之和为 ${figure(f.expected)}，总计${gap(f)}。${culprit(f, n)}`,
  't3.resultTotal': (f, n) =>
    `${q(n.cell(f.cells[0]))}填写为 ${figure(f.actual)}，同列（一）至（六）各项办理结果之和为 ${figure(f.expected)}，总计${gap(f)}。` +
    `每件申请只计一种办理结果。${culprit(f, n)}`,
  't4.groupTotal': (f, n) =>
    `${q(n.cell(f.cells[0]))}填写为 ${figure(f.actual)}，结果维持、结果纠正、其他结果、尚未审结四项之和为 ${figure(f.expected)}，总计${gap(f)}。${culprit(f, n)}`,
  'cell.notNumber': (f, n) => `${q(n.cell(f.cells[0]))}的内容“${figure(f.actual)}”不是数字，请填写数字（没有发生的填 0）。${blocked(f)}`,
  'cell.negative': (f, n) => `${q(n.cell(f.cells[0]))}为负数（${figure(f.actual)}），此栏不能为负，请更正。`,
  'cell.notInteger': (f, n) => `${q(n.cell(f.cells[0]))}为 ${figure(f.actual)}，此栏应为整数，请更正。`,
  'cell.placeholder': (f, n) => `${q(n.cell(f.cells[0]))}填写了“${String(f.actual).trim()}”，不是数字。没有发生的，请填写 0。`,
  'cell.blank': (f, n) => `${q(n.cell(f.cells[0]))}未填写。规定格式要求每格填写数字，没有发生的请填写 0（校验时暂按 0 计算）。`,
  'cell.unitInCell': (f, n) => {
    const value = figure(f.params?.value as number);
    const unit = f.params?.unit as string;
    const converted = n.cell(f.cells[0]).includes('万元') && unit === '元' ? `已换算为 ${value} 万元` : `已按 ${value} 计算`;
    return `${q(n.cell(f.cells[0]))}填写为“${figure(f.actual)}”，单元格内带有单位“${unit}”，${converted}。表格中只应填写数字，请删除单位。`;
  },
  't2.publishedExceedsTotal': (f, n) =>
    `${q(n.row(blockPrefixOf(f.cells[0]), f.where ?? ''))}本年新公开数量（${figure(f.actual)}）比对外公开总数量（${figure(f.expected)}）多 ${figure(f.difference)}。本年新公开的应已计入对外公开总数量，请核对。`,
  't2.feeMagnitude': (f, n) => {
    const last = f.params?.lastYear as number | null;
    const why = last
      ? `达到上年（${figure(last)} 万元）的 ${figure(f.params?.ratio as number)} 倍以上`
      : `超过 ${figure(f.params?.absolute as number)} 万元`;
    return `${q(n.cell(f.cells[0]))}为 ${figure(f.actual)} 万元，${why}，疑似按“元”填写。本栏单位为万元，请核对。`;
  },
  't3.carryOver': (f, n) =>
    `${q(n.cell(f.cells[0]))}为 ${figure(f.actual)}，上年报告${q(n.cell(lastYearCell(f)))}为 ${figure(f.expected)}，本年${gap(f)}。本年的上年结转数应等于上年的结转下年度数，请核对。`,
  't2.stockFlow': (f, n) =>
    `${q(n.cell(f.cells[0]))}为 ${figure(f.actual)}，按上年现行有效件数加本年制发件数、减本年废止件数应为 ${figure(f.expected)}，${gap(f)}。` +
    `如因文件到期失效、修改等原因确有差异，可在说明理由后接受。`,
  't2.itemsRollForward': (f, n) =>
    `${q(n.cell(f.cells[0]))}为 ${figure(f.actual)}，按上年报告的上一年项目数量加本年增/减应为 ${figure(f.expected)}，${gap(f)}，请核对。`,
  'format.yearMismatch': (f) =>
    `${String(f.params?.year)}年度报告应使用 ${figure(f.expected)} 年格式（${f.expected === '2019' ? '国办公开办函〔2019〕60号' : '国办公开办函〔2021〕30号'}），` +
    `但表格为 ${figure(f.actual)} 年格式。请改用规定格式。`,
  'narrative.mismatch': (f, n) => {
    const said = `正文“${String(f.params?.sentence ?? '')}”`;
    const what = String(f.params?.statement ?? '');
    if (f.params?.fact) return `${said}称“${what}”，但表格中相应栏目合计为 ${figure(f.expected)} 件，不为 0。请核对正文或表格。`;
    if (f.params?.percent) return `${said}中${what}为 ${figure(f.actual)}%，按表格（七）总计计算应为 ${figure(f.expected)}%，相差 ${figure(Math.abs(f.difference ?? 0))} 个百分点。请核对。`;
    const where = f.cells.length === 1 ? `表格${q(n.cell(f.cells[0]))}` : '表格';
    return `${said}中${what} ${figure(f.actual)} 件，${where}为 ${figure(f.expected)} 件，正文比表格${gap(f)}。请核对正文或表格。`;
  },
  'doc.missingSection': (f) => `报告缺少“${String(f.params?.section ?? '')}”部分，或各部分顺序与规定不一致。年度报告应包括六个部分。`,
  'doc.missingTable': (f, n) => `${q(n.table(f.params?.table as 't2' | 't3' | 't4'))}部分有标题，但没有找到对应表格，请补充表格。`,
  'import.tableNotFound': (f, n) =>
    `未找到${q(n.table(f.params?.table as 't2' | 't3' | 't4'))}表。请确认表格已完整粘贴，表内项目名称与规定格式一致。`,
  'import.partialTable': (f, n) => {
    const rows = ((f.params?.missingRows as string[] | undefined) ?? []).map((r) => n.row(f.params?.block as string, r));
    return `${q(importWhere(f, n))}不完整，未找到以下项目：${rows.map(q).join('、')}。请补齐后再检查。`;
  },
  'import.ambiguous': (f, n) => {
    const block = f.params?.block as string | undefined;
    const row = f.params?.row as string | undefined;
    const where = row && block ? n.row(block, row) : importWhere(f, n);
    const at = f.params?.source ? `（${String(f.params.source)}）` : '';
    switch (f.params?.reason) {
      case 'cellCount':
        return `${q(where)}一行${at}读到 ${figure(f.params?.found as number)} 个数字，应为 ${figure(f.params?.expected as number)} 个，无法确定各数字所属的栏目（可能数字连在一起、缺少分隔或有空格）。请在原表中核对该行，未读取的数字不作推测。`;
      case 'duplicateRow':
        return `${q(where)}出现了不止一次（${((f.params?.sources as string[]) ?? []).join('、')}），可能包含两份报告，无法确定以哪一份为准。请只保留一份后再检查。`;
      case 'duplicateTable':
        return `${q(where)}出现了不止一份（${((f.params?.sources as string[]) ?? []).join('、')}），可能包含两份报告，无法确定以哪一份为准。请只保留一份后再检查。`;
      case 'runTogether': {
        const rows = ((f.params?.rows as string[] | undefined) ?? []).map((r) => q(n.row(block ?? '', r)));
        return `${q(importWhere(f, n))}中${rows.join('、')}的数字连在一起，有 ${figure(f.params?.fits as number)} 种拆分都能使表内勾稽关系成立，无法确定各数字所属的栏目，未作推测。请在原表中核对并补上分隔后再检查。`;
      }
      case 'unlabelledRows':
        return `${q(where)}中有 ${figure(f.params?.found as number)} 行数字无法与项目名称对应，请核对表格是否完整。`;
      case 'rowOrder':
        return `${q(where)}各项目的顺序与规定格式不一致，无法可靠读取，请按规定格式排列。`;
      default:
        return `${q(where)}无法准确读取，请核对表格。`;
    }
  },
  'doc.sameAsLastYear': (f) => {
    const share = figure(f.params?.similarity as number);
    return `“${String(f.params?.section ?? '')}”部分的文字（数字、日期除外）与上年报告相同部分的相似度为 ${share}%，存在内容雷同问题。请结合本年度工作实际重新撰写。`;
  },
  'import.reconstructed': (f, n) => {
    const block = (f.params?.block as string | undefined) ?? String(f.params?.table ?? '');
    const rows = ((f.params?.rows as string[] | undefined) ?? []).map((r) => q(n.row(block, r)));
    return `${q(importWhere(f, n))}中${rows.join('、')}的数字连在一起，只有一种拆分能使表内全部勾稽关系成立，已按该拆分读取。请与原件核对。`;
  },
};

/** A total against the sum of its parts: the cell as filled in, and what the parts add up to. */
const TOTAL: Sides = { actual: '表内', expected: '应为' };

export const zhCNHeadline: HeadlineWording = {
  sides: {
    't3.balance': { actual: '第一项加第二项', expected: '第三项加第四项' },
    't3.rowTotal': TOTAL,
    't3.resultTotal': TOTAL,
    't4.groupTotal': TOTAL,
    'cell.notNumber': null,
    'cell.negative': null,
    'cell.notInteger': null,
    'cell.placeholder': null,
    'cell.blank': null,
    'cell.unitInCell': null,
    't2.publishedExceedsTotal': { actual: '本年新公开', expected: '对外公开总数' },
    't2.feeMagnitude': { actual: '表内', expected: '提示界限' },
    't3.carryOver': { actual: '本年上年结转', expected: '上年结转下年度' },
    't2.stockFlow': { actual: '表内', expected: '按上年推算' },
    't2.itemsRollForward': { actual: '表内', expected: '按上年推算' },
    'format.yearMismatch': null,
    'narrative.mismatch': { actual: '正文', expected: '表格' },
    'doc.missingSection': null,
    'doc.missingTable': null,
    'import.tableNotFound': null,
    'import.partialTable': null,
    'import.ambiguous': null,
    'doc.sameAsLastYear': null,
    'import.reconstructed': null,
  },
  relation: (sides, actual, expected, difference) =>
    `${sides.actual} ${actual}，${sides.expected} ${expected}${difference === null ? '' : `，相差 ${difference > 0 ? '+' : ''}${figure(difference)}`}`,
  separator: '：',
};
