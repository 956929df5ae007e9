/** One line per finding code: what it checks, in the spec's terms. Used by the docs and the task pane's help. */
import type { RuleCode } from '../rules/codes';

export const SUMMARIES: Record<RuleCode, string> = {
  't3.balance': '每一列：一、本年新收 + 二、上年结转 = 三、本年度办理结果（七）总计 + 四、结转下年度继续办理（表头注明的勾稽关系）',
  't3.rowTotal': '每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他',
  't3.resultTotal': '每一列：（七）总计 = （一）至（六）各项办理结果之和（每件申请只计一种结果）',
  't4.groupTotal': '行政复议、未经复议直接起诉、复议后起诉各组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结',
  'cell.notNumber': '单元格内容无法识别为数字（文字、#REF! 等错误值、逻辑值、日期）；依赖它的校验暂不进行',
  'cell.negative': '件数、金额为负数',
  'cell.notInteger': '件数不是整数',
  'cell.placeholder': '以“/”“—”“无”等代替 0',
  'cell.blank': '单元格为空（规定格式要求明确填写 0）',
  'cell.unitInCell': '单元格内带有单位（件、元、万元等）；已按数字读取，万元栏中的“元”已换算',
  't2.publishedExceedsTotal': '2019 年格式第二十条第（一）项：本年新公开数量 ≤ 对外公开总数量',
  't2.feeMagnitude': '2021 年格式收费金额（万元）疑似按“元”填写：达到上年的 1000 倍，或无上年数据时达到 100000 万元',
  't3.carryOver': '本年“二、上年结转”各列 = 上年报告“四、结转下年度继续办理”各列',
  't2.stockFlow': '2021 年格式：现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数（失效、修改等可说明理由后接受）',
  't2.itemsRollForward': '2019 年格式：上一年项目数量 = 上年报告的上一年项目数量 + 上年报告的本年增/减',
  'format.yearMismatch': '报告年度与表格格式不符：2020 年及以前用 2019 年格式，2021 年起用 2021 年格式',
  'narrative.mismatch': '正文所述数字与表格不一致',
  'doc.missingSection': '年度报告缺少规定的六个部分之一，或顺序不符',
  'doc.missingTable': '二、三、四部分有标题但没有表格',
  'import.tableNotFound': '未找到某张表格',
  'import.partialTable': '表格不完整，缺少部分项目（列明缺少的行）',
  'import.ambiguous': '无法无歧义地读取（数字连在一起、某行单元格过多或过少、同一项目出现两次），不作推测',
  'doc.sameAsLastYear': '内容雷同：某一部分的文字（数字、日期除外）与上年报告相同部分的相似度达到 90% 以上',
  'import.reconstructed': '数字连在一起（如“申请数量230 000023”），因只有一种拆分能使表内全部勾稽关系成立，已按该拆分读取（列明所涉各行）',
};
