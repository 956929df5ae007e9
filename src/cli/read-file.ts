/**
 * Reading a report file from disk with the reader its extension names, refusing with a
 * one-line Chinese message (`ReadError`) whatever cannot be read. The input is only ever read.
 */
import { isUtf8, transcode } from 'buffer';
import * as fs from 'fs';
import * as path from 'path';
import { decodeUnlessBinary } from '../core/import/decode';
import type { ReadResult } from '../core/import/grid';
import { HtmlReadError, readHtml } from '../core/import/html';
import { JsonReadError, readJson } from '../core/import/json';
import { readText } from '../core/import/text';
import { DOCUMENT_EXTENSIONS, readDocument } from './read-document';
import { HTML_REFUSAL, MAX_REPORT_BYTES, tooLargeRefusal, xlsxRefusal } from '../core/import/refusals';
import { readXlsx, XlsxReadError, type XlsxErrorKind } from '../core/import/xlsx';

export type ReadErrorCode =
  | 'notFound'
  | 'directory'
  | 'notFile'
  | 'noPermission'
  | 'empty'
  | 'tooLarge'
  | 'unsupportedType'
  | 'binary'
  | 'corruptXlsx'
  | 'encryptedXlsx'
  | 'notWorkbook'
  | 'tooManyCells'
  | 'invalidJson'
  | 'tooDeep'
  | 'corruptDocx'
  | 'encryptedDocx'
  | 'notDocument'
  | 'corruptPdf'
  | 'encryptedPdf'
  | 'noTextLayer'
  | 'needsConversion'
  | 'conversionFailed'
  | 'ioError';

export class ReadError extends Error {
  constructor(
    readonly code: ReadErrorCode,
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

const SUPPORTED = '.xlsx、.docx、.pdf、.html、.txt 或 .json（.doc、.wps、.xls、.et、.odt、.ods 经 LibreOffice 转换）';
/** The extensions a reader takes (lower case): what a folder is searched for. */
export const REPORT_EXTENSIONS: readonly string[] = ['.xlsx', '.html', '.htm', '.txt', '.json', ...DOCUMENT_EXTENSIONS];

/** Reads a report file: .xlsx, .docx, .pdf, .html/.htm, .txt, .json, or a format LibreOffice converts. Throws `ReadError` with a message for people. */
export async function readReportFile(file: string): Promise<ReadResult> {
  const fail: Fail = (code, message) => new ReadError(code, `${message}：${file}`, file);

  const ext = path.extname(file).toLowerCase();
  let bytes: Uint8Array;
  // Opened once and asked what it is (fstat) before anything is read; non-blocking, so that
  // opening a FIFO cannot wait.
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw ioFailure(e, fail);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw fail('directory', '这是一个文件夹，不是文件');
    // FIFOs and devices could block or never end.
    if (!stat.isFile()) throw fail('notFile', '不是普通文件');
    if (!REPORT_EXTENSIONS.includes(ext)) {
      const shown = ext === '' ? '（没有扩展名）' : ` ${ext}`;
      throw new ReadError('unsupportedType', `不支持的文件类型${shown}：请使用 ${SUPPORTED}（${file}）`, file);
    }
    if (stat.size === 0) throw fail('empty', '文件为空');
    if (stat.size > MAX_REPORT_BYTES) throw fail('tooLarge', tooLargeRefusal(stat.size));
    bytes = readUpTo(fd, stat.size, fail);
  } finally {
    fs.closeSync(fd);
  }
  // The file may have shrunk since fstat (it cannot have grown past it: no more is read).
  if (bytes.length === 0) throw fail('empty', '文件为空');

  if (ext === '.xlsx') return readWorkbook(bytes, fail);
  if (DOCUMENT_EXTENSIONS.includes(ext)) return readDocument(bytes, ext, fail, readWorkbook);
  const decoded = decodeUnlessBinary(bytes, { utf8: nodeUtf8Text });
  if (!decoded) throw fail('binary', '文件看起来是二进制数据，不是文本');
  const { text } = decoded;
  if (ext === '.json') {
    try {
      return readJson(text);
    } catch (e) {
      if (e instanceof JsonReadError) throw fail('invalidJson', e.message);
      throw e;
    }
  }
  if (ext === '.txt') return readText(text);
  try {
    return readHtml(text);
  } catch (e) {
    if (e instanceof HtmlReadError) throw fail('tooDeep', HTML_REFUSAL);
    throw e;
  }
}

function ioFailure(e: unknown, fail: Fail): ReadError {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return fail('notFound', '文件不存在');
  // Windows does not open a folder as a file.
  if (code === 'EISDIR') return fail('directory', '这是一个文件夹，不是文件');
  if (code === 'EACCES' || code === 'EPERM') return fail('noPermission', '没有权限读取文件');
  return fail('ioError', `无法读取文件（${code ?? String(e)}）`);
}

/** At most `size` bytes from the start of an open file: fewer when it shrank since fstat. */
function readUpTo(fd: number, size: number, fail: Fail): Uint8Array {
  // Not from Node's shared pool, as readFileSync's: the bytes own their whole ArrayBuffer.
  const bytes = Buffer.allocUnsafeSlow(size);
  let filled = 0;
  try {
    while (filled < size) {
      const n = fs.readSync(fd, bytes, filled, size - filled, null);
      if (n === 0) break;
      filled += n;
    }
  } catch (e) {
    throw ioFailure(e, fail);
  }
  return filled === size ? bytes : bytes.subarray(0, filled);
}

/**
 * Valid UTF-8 as text, else undefined, a leading U+FEFF kept (the core's `DecodeOptions.utf8`).
 * Node's own validation and transcoding take a fraction of TextDecoder's time on a report page,
 * which is a visible share of checking one.
 */
export function nodeUtf8Text(bytes: Uint8Array): string | undefined {
  return isUtf8(bytes) ? transcode(bytes, 'utf8', 'utf16le').toString('utf16le') : undefined;
}

type Fail = (code: ReadErrorCode, message: string) => ReadError;

const XLSX_CODES: Record<XlsxErrorKind, ReadErrorCode> = { encrypted: 'encryptedXlsx', notWorkbook: 'notWorkbook', tooLarge: 'tooManyCells', corrupt: 'corruptXlsx' };

async function readWorkbook(bytes: Uint8Array, fail: Fail): Promise<ReadResult> {
  try {
    return await readXlsx(bytes);
  } catch (e) {
    if (e instanceof XlsxReadError) throw fail(XLSX_CODES[e.kind], xlsxRefusal(e));
    throw e;
  }
}

/** The file read, or the one-line message that says why it cannot be (never a stack trace). */
export async function readOrExplain(file: string): Promise<ReadResult | string> {
  try {
    return await readReportFile(file);
  } catch (err) {
    if (err instanceof ReadError) return err.message;
    return `无法读取文件（${err instanceof Error ? err.message : String(err)}）：${file}`;
  }
}
