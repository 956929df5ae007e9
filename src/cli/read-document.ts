/**
 * Reading documents as they are delivered: Word (.docx), PDF, and the formats LibreOffice
 * converts (.doc, .wps, .odt → .docx; .xls, .et, .ods → .xlsx). The core readers do the reading;
 * this module loads pdf.js, runs the conversion and says in one Chinese line why a file cannot
 * be read and what to do instead.
 */
import { DOCX_LIMITS, DocxReadError, readDocx } from '../core/import/docx';
import type { ReadResult } from '../core/import/grid';
import { checkPdfBytes, PDF_LIMITS, PdfReadError, readPdf } from '../core/import/pdf';
import { ConversionError, CONVERSION_TIMEOUT_MS, CONVERTIBLE, convertWithSoffice } from './convert';
import { loadPdfJs, pdfOptions } from './pdfjs';
import type { ReadError, ReadErrorCode } from './read-file';

type Fail = (code: ReadErrorCode, message: string) => ReadError;
type ReadWorkbook = (bytes: Uint8Array, fail: Fail) => Promise<ReadResult>;

/** The extensions this module reads. */
export const DOCUMENT_EXTENSIONS = ['.docx', '.pdf', ...Object.keys(CONVERTIBLE)];

const MB = 1024 * 1024;

/** Reads a .docx, a .pdf or a convertible file's bytes; `readWorkbook` reads a converted .xlsx. */
export async function readDocument(bytes: Uint8Array, ext: string, fail: Fail, readWorkbook: ReadWorkbook): Promise<ReadResult> {
  if (ext === '.docx') return readWordDocument(bytes, fail);
  if (ext === '.pdf') return readPdfDocument(bytes, fail);
  const target = CONVERTIBLE[ext];
  let converted: Uint8Array;
  try {
    converted = await convertWithSoffice(bytes, ext);
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    const instead = `请在 ${target.saveAs}中另存为 .${target.to} 后再检查`;
    if (e.reason === 'noSoffice') throw fail('needsConversion', `不能直接读取 ${ext} 格式：${instead}（或安装 LibreOffice，由本工具自动转换）`);
    if (e.reason === 'timeout') throw fail('conversionFailed', `LibreOffice 转换 ${ext} 文件超过 ${CONVERSION_TIMEOUT_MS / 1000} 秒仍未完成：${instead}`);
    throw fail('conversionFailed', `LibreOffice 未能转换该文件（文件可能已损坏或受密码保护）：${instead}`);
  }
  return target.to === 'docx' ? readWordDocument(converted, fail) : readWorkbook(converted, fail);
}

function readWordDocument(bytes: Uint8Array, fail: Fail): ReadResult {
  try {
    return readDocx(bytes);
  } catch (e) {
    if (!(e instanceof DocxReadError)) throw e;
    switch (e.kind) {
      case 'encrypted':
        throw fail('encryptedDocx', '文档受密码保护，无法读取，请先取消密码');
      case 'legacy':
        throw fail('corruptDocx', '文件实为 Word 97-2003 或 WPS 格式，扩展名却是 .docx：请将扩展名改为 .doc，或在 Word、WPS 中另存为 .docx 后再检查');
      case 'notDocument':
        throw fail('notDocument', '压缩包中没有 Word 文档正文（word/document.xml），不是有效的 .docx 文档');
      case 'tooLarge':
        throw fail('tooLarge', `文档正文解压后超过 ${DOCX_LIMITS.maxDocumentBytes / MB} MB 的上限，无法读取`);
      case 'corrupt':
        throw fail('corruptDocx', '不是有效的 .docx 文档（文件已损坏，或不是 Word 2007 及以上格式）');
    }
  }
}

async function readPdfDocument(bytes: Uint8Array, fail: Fail): Promise<ReadResult> {
  try {
    checkPdfBytes(bytes);
    return await readPdf(await loadPdfJs(), bytes, pdfOptions());
  } catch (e) {
    if (!(e instanceof PdfReadError)) throw e;
    switch (e.kind) {
      case 'encrypted':
        throw fail('encryptedPdf', 'PDF 文件设有打开密码，无法读取：请使用未加密的文件或 Word 原件（.docx）检查');
      case 'noText':
        throw fail('noTextLayer', 'PDF 文件没有文字层（可能是扫描件或图片），无法读取表格：请使用 Word 原件（.docx）检查，或先用 OCR 软件识别为文字');
      case 'tooLarge':
        throw fail('tooLarge', `PDF 文件超过 ${PDF_LIMITS.maxPages} 页的上限，不像是年度报告`);
      case 'corrupt':
        throw fail('corruptPdf', '不是有效的 PDF 文件（文件已损坏或不完整）：请重新下载或导出后再检查');
    }
  }
}
