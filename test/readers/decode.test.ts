import * as fs from 'fs';
import * as path from 'path';
import { nodeUtf8Text } from '../../src/cli/read-file';
import { decodeText, decodeUnlessBinary, looksBinary } from '../../src/core/import/decode';
import { FIXTURES } from '../helpers/fixtures';
import { HERE_FIXTURES, utf16 } from './helpers';

const wutuanBytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'wutuan-2019.txt')));
const wutuan = fs.readFileSync(path.join(FIXTURES, 'wutuan-2019.txt'), 'utf8');

describe('decodeText', () => {
  test('plain UTF-8 is read as UTF-8', () => {
    expect(decodeText(wutuanBytes)).toEqual({ text: wutuan, encoding: 'utf-8' });
  });

  test('a UTF-8 BOM is detected and dropped', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...wutuanBytes]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toBe(wutuan);
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  test.each([
    ['le', true, 'utf-16le'],
    ['le', false, 'utf-16le'],
    ['be', true, 'utf-16be'],
    ['be', false, 'utf-16be'],
  ] as const)('UTF-16%s (BOM %s) → %s, text intact', (endian, bom, encoding) => {
    const decoded = decodeText(utf16(wutuan, endian, bom));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(wutuan);
  });

  test('short Chinese-only UTF-16LE without BOM is still found by its line breaks', () => {
    const text = '一、总体情况\n二、主动公开政府信息情况\n';
    expect(decodeText(utf16(text, 'le', false))).toEqual({ text, encoding: 'utf-16le' });
  });

  test('GB18030 (iconv) decodes to the original exactly, no-break space included', () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(HERE_FIXTURES, 'wutuan-2019.gb18030.txt')));
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(wutuan);
  });

  test('GBK as Windows Notepad saves it decodes (GBK has no U+00A0, iconv was given a space)', () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(HERE_FIXTURES, 'wutuan-2019.gbk.txt')));
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(wutuan.replace(/\u00a0/g, ' '));
    expect(decoded.text).toContain('一、本年新收政府信息公开申请数量');
  });

  test('ASCII-only text is UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('a\tb\n1\t2\n')).encoding).toBe('utf-8');
  });
});

describe('looksBinary', () => {
  test('real reports in every encoding are text', () => {
    expect(looksBinary(wutuanBytes)).toBe(false);
    expect(looksBinary(utf16(wutuan, 'le', false))).toBe(false);
    expect(looksBinary(utf16(wutuan, 'be', true))).toBe(false);
    expect(looksBinary(new Uint8Array(fs.readFileSync(path.join(HERE_FIXTURES, 'wutuan-2019.gbk.txt'))))).toBe(false);
    expect(looksBinary(new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'huaian-2024.txt'))))).toBe(false);
  });

  test('pdftotext output with form feeds is text', () => {
    expect(looksBinary(new TextEncoder().encode('第一页\n-1-\n\f第二页\n'))).toBe(false);
  });

  test('known binary signatures are binary', () => {
    const pad = new Uint8Array(100).fill(0x41);
    for (const sig of [
      [0x50, 0x4b, 0x03, 0x04],
      [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
      [0xff, 0xd8, 0xff, 0xe0],
    ]) {
      expect(looksBinary(new Uint8Array([...sig, ...pad]))).toBe(true);
    }
  });

  test('NUL bytes on both parities, or many control characters, are binary', () => {
    const bytes = new Uint8Array(1000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    expect(looksBinary(bytes)).toBe(true);
    const controls = new TextEncoder().encode('文本'.repeat(50) + '\x01\x02\x03\x04\x05');
    expect(looksBinary(controls)).toBe(true);
  });

  test('one stray control character in a long text is tolerated', () => {
    expect(looksBinary(new TextEncoder().encode(`${wutuan}\x1b`))).toBe(false);
  });

  test('an empty input is not binary (the caller reports it as empty)', () => {
    expect(looksBinary(new Uint8Array(0))).toBe(false);
  });
});

describe('decodeUnlessBinary', () => {
  const noise = new Uint8Array(1000);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 256;
  const bom = (bytes: Uint8Array): Uint8Array => new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
  const inputs = [
    wutuanBytes,
    utf16(wutuan, 'le', false),
    utf16(wutuan, 'be', true),
    new Uint8Array(fs.readFileSync(path.join(HERE_FIXTURES, 'wutuan-2019.gbk.txt'))),
    new TextEncoder().encode(`${wutuan}\x1b`),
    new TextEncoder().encode('文本'.repeat(50) + '\x01\x02\x03\x04\x05'),
    new TextEncoder().encode('a\u0000b'),
    new TextEncoder().encode('\ufffd'.repeat(10)),
    new Uint8Array([0xc3, 0x28, 0x41]),
    noise,
    new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]),
    new Uint8Array(0),
    bom(wutuanBytes),
    bom(new TextEncoder().encode('\ufeff第二个 BOM 是内容')),
    bom(new Uint8Array([0xc3, 0x28, 0x41])),
    new TextEncoder().encode('\ufeff开头的 U+FEFF 与 𠀋 𪚥'),
    new Uint8Array([0xed, 0xa0, 0x80, 0x41]),
    new Uint8Array([0xc0, 0xaf, 0x41]),
    new Uint8Array([0xe4, 0xb8]),
  ];

  test('agrees with decodeText and looksBinary, decoding once', () => {
    for (const bytes of inputs) {
      expect(decodeUnlessBinary(bytes)).toEqual(looksBinary(bytes) ? undefined : decodeText(bytes));
    }
  });

  test("the CLI's native UTF-8 decoder changes no answer: text, encoding, refusal", () => {
    for (const bytes of inputs) expect(decodeUnlessBinary(bytes, { utf8: nodeUtf8Text })).toEqual(decodeUnlessBinary(bytes));
  });
});
