import { inflateSync } from 'zlib';

/** What the manifest tests need to know of a PNG file. */
export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** The decompressed scanlines (each row: one filter byte, then the pixels). */
  raw: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Reads a PNG's header and image data, checking the structure an image viewer relies on.
 * @throws Error when the bytes are not a PNG, a chunk is cut short, or IHDR/IDAT/IEND are missing.
 */
export function readPng(bytes: Buffer): PngInfo {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  let offset = 8;
  let header: Omit<PngInfo, 'raw'> | undefined;
  const data: Buffer[] = [];
  let ended = false;
  while (offset < bytes.length && !ended) {
    if (offset + 12 > bytes.length) throw new Error(`PNG chunk header cut short at byte ${offset}`);
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length || offset + 12 + length > bytes.length) throw new Error(`PNG chunk ${type} cut short`);
    if (type === 'IHDR') {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8], colourType: body[9] };
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      ended = true;
    }
    offset += 12 + length;
  }
  if (!header) throw new Error('PNG has no IHDR');
  if (data.length === 0) throw new Error('PNG has no IDAT');
  if (!ended) throw new Error('PNG has no IEND');
  return { ...header, raw: inflateSync(Buffer.concat(data)) };
}
