/** Shared helpers for the reader tests: finding rows, normalising cells, building ZIP files. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import type { Grid, GridCell, GridRow, RawValue, ReadResult } from '../../src/core/import/grid';
import { entryData, listZipEntries } from '../../src/core/import/zip';

export const HERE_FIXTURES = path.resolve(__dirname, '../fixtures');

/** Every row of every grid, in order. */
export function allRows(result: ReadResult | Grid[]): GridRow[] {
  const grids = Array.isArray(result) ? result : result.grids;
  return grids.flatMap((g) => g.rows);
}

/** Label text as a recogniser would compare it: NFKC, no white space. */
export function norm(value: RawValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.normalize('NFKC').replace(/[\s\u3000\u00a0]+/g, '');
  if (value instanceof Date || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return String(value);
  return value.error;
}

/**
 * The first row with a (non-merged) cell whose normalised text contains `label` — or, with
 * `exact`, is exactly `label` (so `规范性文件` finds the t2 row, not a paragraph mentioning it).
 */
export function rowWith(result: ReadResult | Grid[], label: string, exact = false): GridRow {
  const want = norm(label);
  const matches = (text: string): boolean => (exact ? text === want : text.includes(want));
  const row = allRows(result).find((r) => r.cells.some((c) => !c.merged && matches(norm(c.value))));
  if (!row) throw new Error(`no row with ${label}`);
  return row;
}

export function values(row: GridRow): RawValue[] {
  return row.cells.filter((c: GridCell) => !c.merged).map((c) => c.value);
}

/** A cell as a number the way the value parser reads it; blank → 0. */
export function asNumber(value: RawValue): number {
  const text = norm(value);
  return text === '' ? 0 : Number(text);
}

/**
 * The `count` value cells after the cell labelled `label`: merged positions and the empty
 * placeholders that stand for merged label cells in pasted text are skipped before the first value.
 */
export function valuesAfter(row: GridRow, label: string, count: number): RawValue[] {
  const cells = row.cells;
  let i = cells.findIndex((c) => !c.merged && norm(c.value).includes(norm(label)));
  if (i < 0) throw new Error(`no ${label} in ${row.source}`);
  i++;
  while (i < cells.length && (cells[i].merged || norm(cells[i].value) === '')) i++;
  return cells
    .slice(i)
    .filter((c) => !c.merged)
    .slice(0, count)
    .map((c) => c.value);
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-readers-'));
}

export function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  let p = 0;
  const put = (code: number): void => {
    out[p++] = endian === 'le' ? code & 0xff : code >> 8;
    out[p++] = endian === 'le' ? code >> 8 : code & 0xff;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A part given already deflated: to build an archive that inflates to more than fits in a test. */
export interface DeflatedPart {
  deflated: Uint8Array;
  size: number;
}

/**
 * A raw deflate stream of `chunks` × `chunk`: each copy is compressed on its own and ends on a
 * byte boundary, so the copies can simply be concatenated, then closed by an empty final block.
 */
export function repeatedDeflate(chunk: Uint8Array, chunks: number): DeflatedPart {
  const one = zlib.deflateRawSync(chunk, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const out = Buffer.concat([...Array<Buffer>(chunks).fill(one), Buffer.from([0x03, 0x00])]);
  return { deflated: new Uint8Array(out), size: chunk.length * chunks };
}

/** A ZIP archive of the given parts, deflated, as Excel would write it. */
export function makeZip(parts: Record<string, string | Uint8Array | DeflatedPart>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const given = typeof content === 'object' && 'deflated' in content ? content : undefined;
    const data = given ? Buffer.alloc(0) : typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content as Uint8Array);
    const packed = given ? Buffer.from(given.deflated) : zlib.deflateRawSync(data);
    const size = given ? given.size : data.length;
    const nameBytes = Buffer.from(name, 'utf8');
    // Nothing we test checks the CRC of a pre-deflated part.
    const crc = given ? 0 : crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

/** The parts of a ZIP archive, inflated (to modify a real workbook and zip it again). */
export function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  const parts: Record<string, Uint8Array> = {};
  for (const entry of listZipEntries(bytes)) {
    if (entry.name.endsWith('/')) continue;
    const data = entryData(bytes, entry);
    parts[entry.name] = entry.method === 8 ? new Uint8Array(zlib.inflateRawSync(data)) : data;
  }
  return parts;
}

/** An encrypted .xlsx as Excel writes it: an OLE compound file with an EncryptedPackage stream. */
export function fakeEncryptedWorkbook(): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  bytes.set(name, 1024);
  return bytes;
}

/** A .xls (BIFF) file's first bytes: OLE, with a Workbook stream and nothing encrypted. */
export function fakeXls(): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  bytes.set(Buffer.from('Workbook', 'utf16le'), 1024);
  return bytes;
}
