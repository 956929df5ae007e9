/**
 * Just enough of the ZIP format to tell what a file claims to be before handing it to a full
 * parser: the central directory (entry names, sizes, flags), read without decompressing
 * anything, and one entry inflated with a cap (the .docx reader's parts). Malformed input
 * throws `ZipFormatError`; nothing here can loop on hostile offsets, because every read is
 * bounds-checked and the entry count is bounded by the directory's own length.
 */

import { Inflate, inflateSync } from 'fflate';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate; anything else we cannot read. */
  method: number;
  compressedSize: number;
  /** As declared by the archive; a hostile archive can lie, so inflate with a cap anyway. */
  uncompressedSize: number;
  encrypted: boolean;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** True for an OLE compound file (D0 CF 11 E0): .xls, .doc, or an encrypted .xlsx. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/**
 * True for the OLE file Office saves a password-protected .xlsx or .docx as: it holds an
 * `EncryptedPackage` stream (the name is stored in UTF-16). Any other OLE file is an .xls or
 * .doc saved under the wrong name.
 */
export function isEncryptedPackage(bytes: Uint8Array): boolean {
  if (!isCompoundFile(bytes)) return false;
  const needle = Array.from('EncryptedPackage', (ch) => [ch.charCodeAt(0), 0]).flat();
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** True when the bytes start like a ZIP archive (a local header, or an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

class Reader {
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.length;
  }
  private check(offset: number, size: number): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + size > this.bytes.length) {
      throw new ZipFormatError('ZIP structure points outside the file');
    }
  }
  u16(offset: number): number {
    this.check(offset, 2);
    return this.view.getUint16(offset, true);
  }
  u32(offset: number): number {
    this.check(offset, 4);
    return this.view.getUint32(offset, true);
  }
  u64(offset: number): number {
    const low = this.u32(offset);
    const high = this.u32(offset + 4);
    // Beyond 2^53 cannot be a real offset in a file we were willing to load.
    if (high >= 0x200000) throw new ZipFormatError('ZIP64 value out of range');
    return high * 0x100000000 + low;
  }
  ascii(offset: number, length: number): string {
    this.check(offset, length);
    let s = '';
    for (let i = 0; i < length; i++) s += String.fromCharCode(this.bytes[offset + i]);
    return s;
  }
}

function findEndOfCentralDirectory(r: Reader): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const stop = Math.max(0, r.length - 22 - 0xffff);
  for (let i = r.length - 22; i >= stop; i--) {
    if (r.u32(i) === EOCD && i + 22 + r.u16(i + 20) <= r.length) return i;
  }
  throw new ZipFormatError('end of central directory not found');
}

/** Lists the entries of a ZIP archive from its central directory. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const r = new Reader(bytes);
  if (r.length < 22) throw new ZipFormatError('too short to be a ZIP archive');
  const eocd = findEndOfCentralDirectory(r);
  let count = r.u16(eocd + 10);
  let dirSize = r.u32(eocd + 12);
  let dirOffset = r.u32(eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator >= 0 && r.u32(locator) === ZIP64_LOCATOR) {
      const record = r.u64(locator + 8);
      if (r.u32(record) !== ZIP64_EOCD) throw new ZipFormatError('bad ZIP64 end record');
      count = r.u64(record + 32);
      dirSize = r.u64(record + 40);
      dirOffset = r.u64(record + 48);
    }
  }
  if (dirOffset + dirSize > r.length) throw new ZipFormatError('central directory outside the file');
  // Each directory entry is at least 46 bytes: a lying count cannot make us loop longer.
  if (count * 46 > dirSize) throw new ZipFormatError('central directory too small for its entry count');

  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (r.u32(p) !== CENTRAL) throw new ZipFormatError('bad central directory entry');
    const flags = r.u16(p + 8);
    const method = r.u16(p + 10);
    let compressedSize = r.u32(p + 20);
    let uncompressedSize = r.u32(p + 24);
    const nameLength = r.u16(p + 28);
    const extraLength = r.u16(p + 30);
    const commentLength = r.u16(p + 32);
    let localHeaderOffset = r.u32(p + 42);
    const name = r.ascii(p + 46, nameLength);
    // ZIP64 extra field: the 64-bit values appear in this order, only for fields saturated above.
    let q = p + 46 + nameLength;
    const extraEnd = q + extraLength;
    while (q + 4 <= extraEnd) {
      const id = r.u16(q);
      const size = r.u16(q + 2);
      if (id === 0x0001) {
        let f = q + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = r.u64(f);
          f += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = r.u64(f);
          f += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = r.u64(f);
      }
      q += 4 + size;
    }
    entries.push({ name, method, compressedSize, uncompressedSize, encrypted: (flags & 1) !== 0, localHeaderOffset });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** The compressed bytes of one entry (to inflate with a cap when `method` is 8). */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const r = new Reader(bytes);
  const h = entry.localHeaderOffset;
  if (r.u32(h) !== LOCAL) throw new ZipFormatError(`bad local header for ${entry.name}`);
  const start = h + 30 + r.u16(h + 26) + r.u16(h + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipFormatError(`${entry.name} extends past the end of the file`);
  return bytes.subarray(start, end);
}

/** A part that inflates past the caller's cap, or past what the archive declared for it. */
export class ZipSizeError extends Error {
  constructor(
    readonly entryName: string,
    readonly limit: number,
  ) {
    super(`${entryName} inflates to more than ${limit} bytes`);
    this.name = 'ZipSizeError';
  }
}

/**
 * Deflate's largest possible expansion: a 258-byte match coded in 2 bits. However an archive
 * states its sizes, a deflated entry cannot inflate to more than this many times its own size.
 */
export const MAX_DEFLATE_RATIO = 1032;

/** Compressed bytes fed to the inflater at a time: one push can yield at most ~1032 times this. */
const INFLATE_CHUNK = 16 * 1024;

/**
 * One entry's content, inflated with a cap: a part declaring more than `maxBytes` is refused
 * before anything is inflated, and one inflating past what it declared (a lying "zip bomb")
 * is stopped as soon as it does, so memory never holds more than the cap and one chunk.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Uint8Array {
  if (entry.uncompressedSize > maxBytes) throw new ZipSizeError(entry.name, maxBytes);
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new ZipSizeError(entry.name, maxBytes);
    return data;
  }
  if (entry.method !== 8) throw new ZipFormatError(`unsupported compression ${entry.method} in ${entry.name}`);
  const limit = entry.uncompressedSize;
  // What this many compressed bytes can inflate to at most is within the cap: one call, into a
  // buffer one byte longer than declared, so a part inflating past its declared size shows.
  if (data.length * MAX_DEFLATE_RATIO <= maxBytes) {
    let whole: Uint8Array;
    try {
      whole = inflateSync(data, { out: new Uint8Array(limit + 1) });
    } catch {
      throw new ZipFormatError(`cannot inflate ${entry.name}`);
    }
    if (whole.length > limit) throw new ZipSizeError(entry.name, limit);
    if (whole.length !== limit) throw new ZipFormatError(`${entry.name} inflates to ${whole.length} bytes, not the ${limit} declared`);
    return whole;
  }
  const out = new Uint8Array(limit);
  let filled = 0;
  const inflater = new Inflate((chunk) => {
    if (filled + chunk.length > limit) throw new ZipSizeError(entry.name, limit);
    out.set(chunk, filled);
    filled += chunk.length;
  });
  try {
    for (let p = 0; p < data.length; p += INFLATE_CHUNK) inflater.push(data.subarray(p, p + INFLATE_CHUNK), p + INFLATE_CHUNK >= data.length);
    if (data.length === 0) inflater.push(data, true);
  } catch (e) {
    if (e instanceof ZipSizeError) throw e;
    throw new ZipFormatError(`cannot inflate ${entry.name}`);
  }
  if (filled !== limit) throw new ZipFormatError(`${entry.name} inflates to ${filled} bytes, not the ${limit} declared`);
  return out;
}
