/**
 * Why a Word or PDF file cannot be read, and what to do instead: one Chinese line each, shared by
 * the command line and the task pane (each adds the file's name its own way).
 */
import { DOCX_LIMITS, type DocxErrorKind } from './docx';
import { PDF_LIMITS, type PdfErrorKind } from './pdf';

const MB = 1024 * 1024;

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
