/**
 * Reading a report file from disk with the reader its extension names, refusing with a
 * one-line Chinese message (`ReadError`) whatever cannot be read. The input is only ever read.
 */
import { isUtf8, transcode } from 'buffer';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { decodeUnlessBinary } from '../core/import/decode';
import type { ReadResult } from '../core/import/grid';
import { HtmlReadError, MAX_HTML_DEPTH, readHtml } from '../core/import/html';
import { JsonReadError, readJson } from '../core/import/json';
import { readText } from '../core/import/text';
import { DOCUMENT_EXTENSIONS, readDocument } from './read-document';
import { inspectXlsx, readInspectedXlsx, XlsxReadError } from '../core/import/xlsx';
import { entryData, ZipFormatError, type ZipEntry } from '../core/import/zip';

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

export const READ_LIMITS = {
  /** Checked with stat before reading. */
  maxFileBytes: 20 * 1024 * 1024,
  /**
   * Cells (`<c>` elements, formatted empty ones included) over all worksheets. A report's
   * workbook has one or two thousand; ExcelJS needs about 2 s per 100 000 cells or rows
   * (measured), so this keeps any accepted read around a second.
   */
  maxCells: 50_000,
  /** Inflated size of all parts together: a "zip bomb" stops here, not in memory. */
  maxInflatedBytes: 200 * 1024 * 1024,
} as const;

const SUPPORTED = '.xlsx、.docx、.pdf、.html、.txt 或 .json（.doc、.wps、.xls、.et、.odt、.ods 经 LibreOffice 转换）';
/** The extensions a reader takes (lower case): what a folder is searched for. */
export const REPORT_EXTENSIONS: readonly string[] = ['.xlsx', '.html', '.htm', '.txt', '.json', ...DOCUMENT_EXTENSIONS];

function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

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
    if (stat.size > READ_LIMITS.maxFileBytes) throw fail('tooLarge', `文件超过 20 MB 的上限（${mb(stat.size)} MB）`);
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
    if (e instanceof HtmlReadError) throw fail('tooDeep', `网页的标签嵌套超过 ${MAX_HTML_DEPTH} 层，不像是正常的网页，无法读取；请在浏览器中打开该网页，将年报正文和表格复制到文本文件（.txt）后再检查`);
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

async function readWorkbook(bytes: Uint8Array, fail: Fail): Promise<ReadResult> {
  const corrupt = (): ReadError => fail('corruptXlsx', '不是有效的 .xlsx 工作簿（文件已损坏，或不是 Excel 2007 及以上格式）');
  try {
    const entries = inspectXlsx(bytes);
    const size = measureParts(bytes, entries);
    if (size && size.inflatedBytes > READ_LIMITS.maxInflatedBytes) {
      throw fail('tooManyCells', `工作簿解压后超过 ${mb(READ_LIMITS.maxInflatedBytes)} MB，超过可读取的上限`);
    }
    if (size && size.cells > READ_LIMITS.maxCells) {
      throw fail('tooManyCells', `工作簿太大：共 ${size.cells} 个单元格，超过 ${READ_LIMITS.maxCells} 个的上限，请只保留年报表格后再检查`);
    }
    return await readInspectedXlsx(bytes, entries);
  } catch (e) {
    if (e instanceof XlsxReadError) {
      switch (e.kind) {
        case 'encrypted':
          throw fail('encryptedXlsx', '工作簿受密码保护，无法读取，请先取消密码');
        case 'notWorkbook':
          throw fail('notWorkbook', '压缩包中没有工作簿内容');
        case 'tooLarge':
          if (e.detail?.unit === 'positions') {
            throw fail('tooManyCells', `工作表“${e.detail.sheet ?? ''}”的已用区域过大（${e.detail.range ?? ''}），请删除表格以外远处的内容后再检查`);
          }
          throw fail('tooManyCells', '工作簿太大，超过可读取的上限，请只保留年报表格后再检查');
        case 'corrupt':
          throw corrupt();
      }
    }
    if (e instanceof ZipFormatError) throw corrupt();
    throw e;
  }
}

const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/;
/** `<c ` / `<c>` / `<x:c ` open a cell; `<col`, `<cfRule` and the like do not match. */
const CELL_TAG = /<(?:[A-Za-z_][\w.-]*:)?c[\s>/]/g;
/** Every match of `CELL_TAG` takes at least this many characters. */
const MIN_CELL_TAG = 3;
/**
 * Deflate's largest possible expansion: a 258-byte match coded in 2 bits. However an archive
 * states its sizes, a deflated entry cannot inflate to more than this many times its own size.
 */
const MAX_DEFLATE_RATIO = 1032;

/**
 * Measures, before the real parse, what a workbook's parts inflate to and how many cells its
 * worksheets hold, so a huge workbook is refused in a fraction of the time parsing it would
 * take. Undefined when the central directory alone shows both within the limits, which is
 * the case for a report, and then nothing is inflated twice:
 * - Size: the compressed sizes bound what the parts can inflate to (`MAX_DEFLATE_RATIO`),
 *   trusting nothing the archive declares.
 * - Cells: worksheets declaring at most `MIN_CELL_TAG × maxCells` bytes cannot hold too many.
 *   An archive understating a part's size gains nothing: JSZip (in ExcelJS) inflates the part,
 *   finds the size mismatch and fails, so the workbook is refused as corrupt before any parse.
 */
function measureParts(bytes: Uint8Array, entries: ZipEntry[]): { cells: number; inflatedBytes: number } | undefined {
  let bound = 0;
  let sheetBytes = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    // Anything odd is left to the full measurement, which reports it as it always has.
    if (entry.method !== 0 && entry.method !== 8) return inflateAndCount(bytes, entries);
    try {
      entryData(bytes, entry);
    } catch {
      return inflateAndCount(bytes, entries);
    }
    bound += entry.method === 0 ? entry.compressedSize : entry.compressedSize * MAX_DEFLATE_RATIO;
    if (WORKSHEET.test(entry.name)) sheetBytes += entry.uncompressedSize;
  }
  if (bound > READ_LIMITS.maxInflatedBytes || sheetBytes > MIN_CELL_TAG * READ_LIMITS.maxCells) return inflateAndCount(bytes, entries);
  return undefined;
}

/**
 * Inflates every part (with a cap on the total, so an archive that lies about its sizes cannot
 * exhaust memory) and counts the worksheets' cell elements.
 */
function inflateAndCount(bytes: Uint8Array, entries: ZipEntry[]): { cells: number; inflatedBytes: number } {
  const cap = READ_LIMITS.maxInflatedBytes;
  let inflatedBytes = 0;
  let cells = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const data = entryData(bytes, entry);
    let part: Buffer;
    if (entry.method === 0) part = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    else if (entry.method === 8) {
      try {
        part = zlib.inflateRawSync(data, { maxOutputLength: cap - inflatedBytes + 1 });
      } catch (e) {
        // Checked by code: errors from Node internals may come from another realm (e.g. under Jest).
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { cells, inflatedBytes: cap + 1 };
        throw new XlsxReadError('corrupt', `cannot inflate ${entry.name}`);
      }
    } else throw new XlsxReadError('corrupt', `unsupported compression ${entry.method} in ${entry.name}`);
    inflatedBytes += part.length;
    if (inflatedBytes > cap) return { cells, inflatedBytes };
    if (WORKSHEET.test(entry.name)) {
      const xml = part.toString('latin1');
      CELL_TAG.lastIndex = 0;
      while (CELL_TAG.exec(xml)) cells++;
    }
  }
  return { cells, inflatedBytes };
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
