/**
 * Generates docs/rules.md from the format data and rule set — the same data the checks run on —
 * so the documentation cannot drift. `npm run docs` writes it; a test fails when it is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cellsOf, formats } from '../src/core/formats/registry';
import { rulesOf } from '../src/core/rules/expand';
import { ALL_CODES, RULE_CODES } from '../src/core/rules/codes';
import { SUMMARIES } from '../src/core/messages/summaries';
import { namer } from '../src/core/messages/names';

const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;

export function rulesDoc(): string {
  const lines: string[] = [
    '# 校验规则与单元格编号',
    '',
    '本文件由 `npm run docs` 根据格式数据（`src/core/formats/`）和规则集生成，请勿手工修改。',
    '',
    '## 可检查的文件',
    '',
    '`nianbao check` 读取：Excel 工作簿（.xlsx）、Word 文档（.docx）、PDF（须有文字层；扫描件和设有打开密码的文件无法读取）、网页（.html/.htm）、文本（.txt：从网页、Word 或 PDF 复制的文字）和单元格编号到数值的 .json。' +
      '.doc、.wps、.odt 和 .xls、.et、.ods 在装有 LibreOffice（soffice）时自动转换为 .docx 或 .xlsx 后读取；未安装时提示另存为 .docx 或 .xlsx。' +
      '数字连在一起的文字按表内勾稽关系拆分读取时，给出 `import.reconstructed` 提示。',
    '',
    '## 格式',
    '',
    '| 格式编号 | 名称 | 依据 | 适用报告年度 |',
    '|---|---|---|---|',
    ...formats.map((f) => `| \`${f.id}\` | ${f.name} | ${f.issuedBy} | ${f.years.from}${f.years.to ? `–${f.years.to}` : ' 起'} |`),
    '',
    '## 规则',
    '',
    `| 编号 | 级别 | 内容 | ${formats.map((f) => `${f.id} 格式条数`).join(' | ')} |`,
    `|---|---|---|${formats.map(() => '---').join('|')}|`,
    ...ALL_CODES.map((code) => {
      const counts = formats.map((f) => {
        const n = rulesOf(f).relations.filter((r) => r.code === code).length + rulesOf(f).magnitudes.filter((m) => m.code === code).length;
        return n > 0 ? String(n) : '—';
      });
      return `| \`${code}\` | ${SEVERITY[RULE_CODES[code]]} | ${SUMMARIES[code]} | ${counts.join(' | ')} |`;
    }),
    '',
    '“—”表示该规则不是按表格关系逐条展开的（单元格、导入、全文类检查），或不适用于该格式。跨年度规则只在提供上年报告时运行。',
  ];
  for (const format of formats) {
    const names = namer(format);
    lines.push('', `## ${format.id} 格式的单元格编号（${cellsOf(format).size} 个）`, '', '| 编号 | 表中位置 | 取值 |', '|---|---|---|');
    const kinds = { count: '件数（非负整数）', change: '增减（带符号整数）', amountWan: '金额（万元，非负）', amount: '金额（非负）' };
    for (const [id, def] of cellsOf(format)) lines.push(`| \`${id}\` | ${names.cell(id)} | ${kinds[def.column.kind]} |`);
  }
  return `${lines.join('\n')}\n`;
}

export const DOC_PATH = path.resolve(__dirname, '../../docs/rules.md');

if (require.main === module) {
  fs.writeFileSync(DOC_PATH, rulesDoc());
  process.stdout.write(`写入 ${DOC_PATH}\n`);
}
