/**
 * Generated reports for benchmarks and tests: random but internally consistent figures in
 * either format, optionally with one mistyped cell. Deterministic for a given seed.
 */
import { blockOf, cellsOf } from '../src/core/formats/registry';
import type { FormatDef } from '../src/core/formats/types';
import { t3OutcomeRows } from '../src/core/formats/common';

/** A small deterministic PRNG (mulberry32), so generated files are the same on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateReport(format: FormatDef, seed: number, mistake = false): Record<string, number> {
  const rnd = random(seed);
  const small = (max: number): number => (rnd() < 0.5 ? 0 : Math.floor(rnd() * max));
  const values: Record<string, number> = {};
  for (const [id, def] of cellsOf(format)) values[id] = def.column.kind === 'change' ? small(7) - 3 : small(def.column.kind === 'count' ? 400 : 100);

  const t3 = blockOf(format, 't3');
  if (!t3) throw new Error('format without t3');
  const parts = t3.columns.filter((c) => c.id !== 'total').map((c) => c.id);
  const outcomes = t3OutcomeRows(t3);
  for (const col of parts) {
    values[`t3.resultTotal.${col}`] = outcomes.reduce((s, r) => s + values[`t3.${r}.${col}`], 0);
    values[`t3.carriedOver.${col}`] = small(20);
    values[`t3.carriedIn.${col}`] = small(20);
    values[`t3.received.${col}`] = values[`t3.resultTotal.${col}`] + values[`t3.carriedOver.${col}`] + small(1);
    values[`t3.carriedIn.${col}`] = Math.min(values[`t3.carriedIn.${col}`], values[`t3.received.${col}`]);
    values[`t3.received.${col}`] -= values[`t3.carriedIn.${col}`];
  }
  for (const row of t3.rows) values[`t3.${row.id}.total`] = parts.reduce((s, c) => s + values[`t3.${row.id}.${c}`], 0);
  for (const group of ['review', 'suitDirect', 'suitAfterReview']) {
    values[`t4.${group}.total`] = ['upheld', 'corrected', 'other', 'pending'].reduce((s, c) => s + values[`t4.${group}.${c}`], 0);
  }
  if (format.id === '2019') {
    for (const row of ['rules', 'normative']) values[`t2.art20_1.${row}.totalPublished`] += values[`t2.art20_1.${row}.published`];
  }
  if (mistake) values['t3.granted.natural'] += 1 + Math.floor(rnd() * 9);
  return values;
}

const SENTENCES = [
  '本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，持续推进政务公开标准化规范化建设。',
  '围绕优化营商环境、乡村振兴、民生保障等重点领域，及时发布政策文件、办事指南和工作动态，切实提升政府工作透明度。',
  '严格落实政策解读与政策文件同步起草、同步审批、同步发布制度，通过图表图解、新闻发布会、在线访谈等多种形式解读政策。',
  '规范依申请公开办理流程，建立健全登记、审核、答复、归档等工作制度，确保在法定期限内答复申请人。',
  '加强政府网站和政务新媒体管理，定期开展内容检查，及时更新栏目信息，保障平台安全稳定运行。',
  '强化组织领导和监督保障，将政务公开工作纳入年度绩效考核，组织业务培训，提升工作人员业务能力。',
];

/**
 * The running text of a generated report: the six section headings with paragraphs of the
 * register and length of a real one (上海市人民政府办公厅 2019 runs to about 12,000 characters).
 */
export function narrative(seed: number, paragraphsPerSection = 7): string[] {
  const rnd = random(seed);
  const headings = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
  return headings.flatMap((h) => [
    h,
    ...Array.from({ length: paragraphsPerSection }, () => Array.from({ length: 5 }, () => SENTENCES[Math.floor(rnd() * SENTENCES.length)]).join('')),
  ]);
}
