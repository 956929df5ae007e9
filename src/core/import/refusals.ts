/**
 * Why a report file cannot be read (too large, a workbook, Word, PDF or web page the readers refuse),
 * and what to do instead: one Chinese line each, shared by the command line and the task pane
 * (each adds the file's name its own way).
 */
import { DOCX_LIMITS, type DocxErrorKind } from './docx';
import { MAX_HTML_DEPTH } from './html';
import { PDF_LIMITS, type PdfErrorKind } from './pdf';
import type { XlsxReadError } from './xlsx';

const MB = 1024 * 1024;

/** The largest report file either reads: a report, pictures and all, is far smaller. */
export const MAX_REPORT_BYTES = 20 * MB;

export function tooLargeRefusal(bytes: number): string {
  return `文件超过 ${MAX_REPORT_BYTES / MB} MB 的上限（${(bytes / MB).toFixed(1)} MB）`;
}

/** A page nested deeper than the HTML reader follows (`HtmlReadError`). */
export const HTML_REFUSAL = `网页的标签嵌套超过 ${MAX_HTML_DEPTH} 层，不像是正常的网页，无法读取；请在浏览器中打开该网页，将年报正文和表格复制到文本文件（.txt）后再检查`;

export const DOCX_REFUSALS: Record<DocxErrorKind, string> = {
  encrypted: '文档受密码保护，无法读取，请先取消密码',
  legacy: '文件实为 Word 97-2003 或 WPS 格式，扩展名却是 .docx：请将扩展名改为 .doc，或在 Word、WPS 中另存为 .docx 后再检查',
  notDocument: '压缩包中没有 Word 文档正文（word/document.xml），不是有效的 .docx 文档',
  tooLarge: `文档正文解压后超过 ${DOCX_LIMITS.maxDocumentBytes / MB} MB 的上限，无法读取`,
  corrupt: '不是有效的 .docx 文档（文件已损坏，或不是 Word 2007 及以上格式）',
};

export const PDF_REFUSALS: Record<PdfErrorKind, string> = {
  encrypted: 'PDF 文件设有打开密码，无法读取：请使用未加密的文件或 Word 原件（.docx）检查',
  noText: 'PDF 文件没有文字层（可能是扫描件或图片），无法读取表格：请使用 Word 原件（.docx）检查，或先用 OCR 软件识别为文字',
  tooLarge: `PDF 文件超过 ${PDF_LIMITS.maxPages} 页的上限，不像是年度报告`,
  corrupt: '不是有效的 PDF 文件（文件已损坏或不完整）：请重新下载或导出后再检查',
};

/** Why a workbook cannot be read; a size refusal names what was too large. */
export function xlsxRefusal(e: XlsxReadError): string {
  switch (e.kind) {
    case 'encrypted':
      return '工作簿受密码保护，无法读取，请先取消密码';
    case 'notWorkbook':
      return '压缩包中没有工作簿内容';
    case 'corrupt':
      return '不是有效的 .xlsx 工作簿（文件已损坏，或不是 Excel 2007 及以上格式）';
    case 'tooLarge':
      switch (e.detail?.unit) {
        case 'positions':
          return `工作表“${e.detail.sheet ?? ''}”的已用区域过大（${e.detail.range ?? ''}），请删除表格以外远处的内容后再检查`;
        case 'cells':
          return `工作簿太大：共 ${e.detail.measured} 个单元格，超过 ${e.detail.limit} 个的上限，请只保留年报表格后再检查`;
        case 'inflatedBytes':
          return `工作簿解压后超过 ${(e.detail.limit / MB).toFixed(1)} MB，超过可读取的上限`;
        default:
          return '工作簿太大，超过可读取的上限，请只保留年报表格后再检查';
      }
  }
}
