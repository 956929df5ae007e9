/**
 * Turning a text file's bytes into a string. Reports reach us as UTF-8 (web pages, most
 * editors), UTF-16 (Word's "Unicode text", Notepad's "Unicode") or GBK/GB18030 (Notepad's
 * "ANSI" on a Chinese Windows, older portals). No other encodings are guessed.
 */

/** The slice of the WHATWG TextDecoder we use; the core compiles without DOM or Node types. */
interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
declare const TextDecoder: new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;

/** Bytes as one character each (markup is ASCII; other bytes come out as Latin-1 letters): for scanning XML tags. */
export function asciiText(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** What a host can offer beyond the WHATWG decoders the core relies on. */
export interface DecodeOptions {
  /**
   * The text when the bytes are valid UTF-8, else undefined, a leading U+FEFF kept: exactly
   * what the fatal TextDecoder in `utf8Text` below gives, only faster (the CLI passes Node's own).
   */
  utf8?: (bytes: Uint8Array) => string | undefined;
}

interface Detected {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip. */
  bom: number;
  /** The decoded text, when telling the encoding already produced it (valid UTF-8). */
  text?: string;
}

function detect(bytes: Uint8Array, options: DecodeOptions): Detected {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const utf16 = utf16ByNulPattern(bytes);
  if (utf16) return { encoding: utf16, bom: 0 };
  const text = utf8Text(bytes, options);
  if (text !== undefined) return { encoding: 'utf-8', bom: 0, text };
  return { encoding: 'gb18030', bom: 0 };
}

/** Characters a report can plausibly contain: ASCII, Latin, punctuation, CJK, full-width forms. */
function plausible(c: number): boolean {
  return (
    c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0x24f) ||
    (c >= 0x2000 && c <= 0x27bf) || // punctuation “”…—, symbols, circled numbers
    (c >= 0x2e80 && c <= 0x9fff) || // CJK radicals, punctuation, kana, Ext A, unified
    (c >= 0xd800 && c <= 0xdfff) || // surrogates: rarer ideographs
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xffef)
  );
}

function plausibleShare(text: string): number {
  if (text.length === 0) return 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) if (plausible(text.charCodeAt(i))) good++;
  return good / text.length;
}

/**
 * UTF-16 without a BOM. Valid UTF-8 text never holds NUL bytes, but UTF-16 does for every ASCII
 * character (line breaks, tabs, digits), so NULs make us try both byte orders: the right one
 * reads as Chinese and ASCII, the wrong one (or binary data) as a scatter of unrelated scripts.
 */
function utf16ByNulPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 1 << 16) & ~1);
  if (sample.length < 2 || !sample.includes(0)) return undefined;
  const le = plausibleShare(new TextDecoder('utf-16le').decode(sample));
  const be = plausibleShare(new TextDecoder('utf-16be').decode(sample));
  if (le >= 0.9 && le > be) return 'utf-16le';
  if (be >= 0.9 && be > le) return 'utf-16be';
  return undefined;
}

/**
 * The text when the bytes are valid UTF-8, else undefined: validating and decoding are one
 * pass. A BOM is not skipped (`detect` looked for one first, `decodeDetected` skips it).
 */
function utf8Text(bytes: Uint8Array, { utf8 }: DecodeOptions): string | undefined {
  if (utf8) return utf8(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeDetected(bytes: Uint8Array, { encoding, bom, text }: Detected, options: DecodeOptions): DecodedText {
  if (text !== undefined) return { text, encoding };
  const body = bytes.subarray(bom);
  // After a UTF-8 BOM, invalid sequences still decode (to U+FFFD), by the lenient decoder below.
  const valid = encoding === 'utf-8' ? utf8Text(body, options) : undefined;
  // ignoreBOM keeps a second U+FEFF that is really content; we skip exactly the BOM we saw.
  return { text: valid ?? new TextDecoder(encoding, { ignoreBOM: true }).decode(body), encoding };
}

/** Decodes a text file: BOM first, then UTF-16 by its NUL pattern, then UTF-8 if valid, else GB18030. */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  return decodeDetected(bytes, detect(bytes, options), options);
}

/** Signatures of the formats most often renamed or mis-saved as .txt/.html. */
const MAGIC: readonly number[][] = [
  [0x50, 0x4b, 0x03, 0x04], // zip: .docx, .xlsx
  [0xd0, 0xcf, 0x11, 0xe0], // OLE: .doc, .xls, encrypted .xlsx
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // Rar!
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
];

function hasMagic(bytes: Uint8Array): boolean {
  return MAGIC.some((sig) => sig.length <= bytes.length && sig.every((b, i) => bytes[i] === b));
}

/** C0 controls other than tab, LF, VT, FF, CR (pdftotext writes FF between pages). */
function isControl(code: number): boolean {
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d;
}

/** Any control character (as `isControl`) or U+FFFD: one regex pass rules most text out. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const SUSPECT = /[\x00-\x08\x0e-\x1f\ufffd]/;

function tooManySuspects(text: string): boolean {
  if (!SUSPECT.test(text)) return false;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isControl(c) || c === 0xfffd) bad++;
  }
  return bad > text.length * 0.01;
}

/**
 * Decodes a text file (as `decodeText`) unless it is evidently not text (as `looksBinary`),
 * then undefined. The bytes are decoded once for both answers.
 */
export function decodeUnlessBinary(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText | undefined {
  if (bytes.length === 0) return decodeText(bytes, options);
  if (hasMagic(bytes)) return undefined;
  const detected = detect(bytes, options);
  const { encoding } = detected;
  // Text in UTF-8 or GB18030 has no NUL bytes (UTF-16 was told apart by them above).
  if ((encoding === 'utf-8' || encoding === 'gb18030') && bytes.indexOf(0) >= 0) return undefined;
  const decoded = decodeDetected(bytes, detected, options);
  return tooManySuspects(decoded.text) ? undefined : decoded;
}

/**
 * True when the bytes are evidently not text: a known binary signature, NUL bytes outside
 * UTF-16, or more than 1% control characters / undecodable sequences.
 */
export function looksBinary(bytes: Uint8Array, options: DecodeOptions = {}): boolean {
  return bytes.length > 0 && decodeUnlessBinary(bytes, options) === undefined;
}
