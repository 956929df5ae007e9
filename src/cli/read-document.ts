/**
 * Reading documents as they are delivered: Word (.docx), PDF, and the formats LibreOffice
 * converts (.doc, .wps, .odt → .docx; .xls, .et, .ods → .xlsx). The core readers do the reading;
 * this module loads pdf.js, runs the conversion and says in one Chinese line why a file cannot
 * be read and what to do instead.
 */
import { DocxReadError, readDocx, type DocxErrorKind } from '../core/import/docx';
import type { ReadResult } from '../core/import/grid';
import { checkPdfBytes, PdfReadError, readPdf, type PdfErrorKind } from '../core/import/pdf';
import { DOCX_REFUSALS, PDF_REFUSALS } from '../core/import/refusals';
import { ConversionError, CONVERSION_TIMEOUT_MS, CONVERTIBLE, convertWithSoffice } from './convert';
import { loadPdfJs, pdfOptions } from './pdfjs';
import type { ReadError, ReadErrorCode } from './read-file';

type Fail = (code: ReadErrorCode, message: string) => ReadError;
type ReadWorkbook = (bytes: Uint8Array, fail: Fail) => Promise<ReadResult>;

/** The extensions this module reads. */
export const DOCUMENT_EXTENSIONS = ['.docx', '.pdf', ...Object.keys(CONVERTIBLE)];

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

const DOCX_CODES: Record<DocxErrorKind, ReadErrorCode> = { encrypted: 'encryptedDocx', legacy: 'corruptDocx', notDocument: 'notDocument', tooLarge: 'tooLarge', corrupt: 'corruptDocx' };
const PDF_CODES: Record<PdfErrorKind, ReadErrorCode> = { encrypted: 'encryptedPdf', noText: 'noTextLayer', tooLarge: 'tooLarge', corrupt: 'corruptPdf' };

function readWordDocument(bytes: Uint8Array, fail: Fail): ReadResult {
  try {
    return readDocx(bytes);
  } catch (e) {
    if (e instanceof DocxReadError) throw fail(DOCX_CODES[e.kind], DOCX_REFUSALS[e.kind]);
    throw e;
  }
}

async function readPdfDocument(bytes: Uint8Array, fail: Fail): Promise<ReadResult> {
  try {
    checkPdfBytes(bytes);
    return await readPdf(await loadPdfJs(), bytes, pdfOptions());
  } catch (e) {
    if (e instanceof PdfReadError) throw fail(PDF_CODES[e.kind], PDF_REFUSALS[e.kind]);
    throw e;
  }
}
