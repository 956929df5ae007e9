/**
 * 「检查文件」: a report file read in the pane with the core readers — nothing is uploaded. The
 * heavy readers load on first use: ExcelJS for .xlsx, and pdf.js (its legacy build, for the
 * webviews of older Office) with its worker, copied beside the pane as `pdf.worker.min.mjs`, and
 * the CMaps and standard fonts it fetches as a PDF's fonts need them (`pdfjs/`).
 */
import { decodeUnlessBinary } from '../core/import/decode';
import { DocxReadError, readDocx } from '../core/import/docx';
import type { ReadResult } from '../core/import/grid';
import { HtmlReadError, readHtml } from '../core/import/html';
import { checkPdfBytes, PdfReadError, readPdf, type PdfJs, type PdfOptions } from '../core/import/pdf';
import { DOCX_REFUSALS, HTML_REFUSAL, MAX_REPORT_BYTES, PDF_REFUSALS, tooLargeRefusal, xlsxRefusal } from '../core/import/refusals';
import { readText } from '../core/import/text';
import { readXlsx, XlsxReadError } from '../core/import/xlsx';

/** What 「检查文件」 offers to open. */
export const PANE_FILE_TYPES = ['.xlsx', '.docx', '.pdf', '.html', '.htm', '.txt'];

/** A file the pane cannot read: `message` says why and what to do, in Chinese. */
export class FileRefusal extends Error {}

let pdfjs: Promise<PdfJs> | undefined;

/**
 * Where the pane's pdf.js finds the CMaps and standard fonts copied beside it (webpack.config.js):
 * fetched one file at a time, only when a PDF's fonts need them.
 */
export function panePdfOptions(): PdfOptions {
  return { cMapUrl: new URL('pdfjs/cmaps/', document.baseURI).href, standardFontDataUrl: new URL('pdfjs/standard_fonts/', document.baseURI).href };
}

/** pdf.js in its own chunk, fetched the first time a PDF is checked. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import(/* webpackChunkName: "pdfjs" */ 'pdfjs-dist/legacy/build/pdf.mjs').then((module) => {
    module.GlobalWorkerOptions.workerSrc = new URL('pdf.worker.min.mjs', document.baseURI).href;
    return module as unknown as PdfJs;
  });
  return pdfjs;
}

/** Reads a report file's bytes by its name's extension. Throws `FileRefusal`. */
export async function readReportBytes(name: string, bytes: Uint8Array, loadPdf: () => Promise<PdfJs> = loadPdfJs): Promise<ReadResult> {
  const ext = /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? '';
  if (!PANE_FILE_TYPES.includes(ext)) throw new FileRefusal(`不支持的文件类型${ext ? ` ${ext}` : '（没有扩展名）'}：请选择 .xlsx、.docx、.pdf、.html 或 .txt 文件；.doc、.wps、.xls 请先另存为 .docx 或 .xlsx`);
  if (bytes.length === 0) throw new FileRefusal('文件为空');
  if (bytes.length > MAX_REPORT_BYTES) throw new FileRefusal(tooLargeRefusal(bytes.length));
  try {
    switch (ext) {
      case '.xlsx':
        return await readXlsx(bytes);
      case '.docx':
        return readDocx(bytes);
      case '.pdf':
        checkPdfBytes(bytes);
        return await readPdf(await loadPdf(), bytes, panePdfOptions());
    }
    const decoded = decodeUnlessBinary(bytes);
    if (!decoded) throw new FileRefusal('文件看起来是二进制数据，不是文本');
    return ext === '.txt' ? readText(decoded.text) : readHtml(decoded.text);
  } catch (e) {
    if (e instanceof DocxReadError) throw new FileRefusal(DOCX_REFUSALS[e.kind]);
    if (e instanceof PdfReadError) throw new FileRefusal(PDF_REFUSALS[e.kind]);
    if (e instanceof XlsxReadError) throw new FileRefusal(xlsxRefusal(e));
    if (e instanceof HtmlReadError) throw new FileRefusal(HTML_REFUSAL);
    throw e;
  }
}
