/** Shared by the export tests: the shared fixtures as checked reports, temp files, PDF text. */
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DOMParser, type Document, type Element as XmlElement } from '@xmldom/xmldom';
import type { DefaultTreeAdapterTypes } from 'parse5';
import { readReportFile } from '../../src/cli/read-file';
import { checkReport, type CheckedReport } from '../../src/core/check';
import type { ExportableReport } from '../../src/core/export';
import { loadCellsFixture, rawCells } from '../helpers/fixtures';
import { sofficePath } from '../helpers/libreoffice';
import { unzip } from '../readers/helpers';

export const FIXTURE_NAMES = ['wutuan-2019', 'shanghai-2019', 'huaian-2024'] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

/** A fixture's transcription checked as the checker checks a JSON file: cells, format, year. */
export function checkedFixture(name: FixtureName): { report: CheckedReport; body: string } {
  const f = loadCellsFixture(name);
  const report = checkReport({ grids: [], cells: rawCells(f), meta: { format: f.format, year: f.year, body: f.body } });
  return { report, body: f.body };
}

/** The fixture as an export input. */
export function exportable(name: FixtureName, extra: Partial<ExportableReport> = {}): ExportableReport {
  const { report, body } = checkedFixture(name);
  return { format: report.format, year: report.year, body, raw: report.raw, findings: report.findings, ...extra };
}

/** Writes `content` to a temp file named `name` and checks it with the command line's reader. */
export async function checkExported(content: Uint8Array | string, name: string): Promise<CheckedReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-export-'));
  try {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return checkReport(await readReportFile(file));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Converts a file to PDF with LibreOffice, asynchronously (several conversions can run at once:
 * each has its own profile). `name`'s extension tells LibreOffice what the input is.
 */
export async function toPdf(input: Uint8Array | string, name: string): Promise<Uint8Array> {
  const soffice = sofficePath();
  if (!soffice) throw new Error('LibreOffice is not installed: run .ci/run, or apt-get install libreoffice-calc-nogui libreoffice-writer-nogui');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, name), input);
    const args = [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', path.join(dir, 'out'), path.join(dir, name)];
    await new Promise<void>((resolve, reject) => execFile(soffice, args, { timeout: 180_000 }, (error) => (error ? reject(error) : resolve())));
    const out = path.join(dir, 'out', name.replace(/\.[^.]+$/, '.pdf'));
    // soffice exits 0 even when it converted nothing (a .docx without LibreOffice Writer, say).
    if (!fs.existsSync(out)) throw new Error(`LibreOffice produced no PDF for ${name} (for .docx and .html it needs libreoffice-writer-nogui)`);
    return new Uint8Array(fs.readFileSync(out));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function hasPoppler(): boolean {
  return fs.existsSync('/usr/bin/pdftotext') && fs.existsSync('/usr/bin/pdftoppm');
}

/** The PDF's text as pdftotext reads it. */
export function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
}

/** The PDF's words in reading order (pdftotext -bbox): a table cell's wrapped lines are separate words. */
export function pdfWords(pdf: Uint8Array): string[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return [...xml.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((m) => m[1].replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => entities[e]));
}

/**
 * Whether `text` is printed: a figure as a word of its own; a label as words that, taken in
 * reading order within `window` words of each other, spell it out. A label wrapped inside a table cell comes out of pdftotext line by line,
 * interleaved with its neighbours' lines (`（本列数据的…等` / `法人或其他组织` / `于第三项…）`).
 */
export function printedIn(words: readonly string[], text: string, window = 60): boolean {
  const wanted = text.replace(/\s+/g, '');
  // A figure is printed whole: 3118 must not be spelt from a 3 here and a 118 there.
  if (/^[-\d.,]+$/.test(wanted)) return words.includes(wanted);
  // Positions already known not to lead anywhere, as `word:characters left`.
  const dead = new Set<string>();
  const from = (i: number, rest: string): boolean => {
    if (rest === '') return true;
    if (dead.has(`${i}:${rest.length}`)) return false;
    for (let j = i; j < Math.min(words.length, i + window); j++) if (words[j] !== '' && rest.startsWith(words[j]) && from(j + 1, rest.slice(words[j].length))) return true;
    dead.add(`${i}:${rest.length}`);
    return false;
  };
  return words.some((w, i) => w !== '' && wanted.startsWith(w) && from(i + 1, wanted.slice(w.length)));
}

/** One page's words with their boxes (points from the top left), as pdftotext -bbox gives them. */
export function pdfPageWords(pdf: Uint8Array, page: number): { text: string; xMin: number; xMax: number; yMin: number }[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), '-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ text: m[4], xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]) }));
}

export function pdfPages(pdf: Uint8Array): number {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** Page 1 as a PNG at 60 dpi (pdftoppm), for docs/export/. */
export function firstPagePng(pdf: Uint8Array): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-png-'));
  try {
    const input = path.join(dir, 'in.pdf');
    fs.writeFileSync(input, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', input, path.join(dir, 'page')]);
    return fs.readFileSync(path.join(dir, 'page.png'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type Element = DefaultTreeAdapterTypes.Element;
type Node = DefaultTreeAdapterTypes.Node;

/** Every element under `node` (parse5), in document order. */
export function elements(node: Node): Element[] {
  const out: Element[] = [];
  const walk = (n: Node): void => {
    if ('tagName' in n) out.push(n);
    const children = (n as { childNodes?: Node[] }).childNodes ?? [];
    // <template> content is a separate fragment.
    if ('content' in n) walk((n as unknown as { content: Node }).content);
    for (const c of children) walk(c);
  };
  walk(node);
  return out;
}

export const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;

export function text(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  return ((node as { childNodes?: Node[] }).childNodes ?? []).map(text).join('');
}


/** Every element the exported page may contain: no scripts, frames, media, forms, links or images. */
export const ALLOWED = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'section', 'h1', 'h2', 'p', 'div', 'table', 'caption', 'tbody', 'tr', 'th', 'td']);
/** Every attribute it may carry: no event handlers, no URLs. */
export const ALLOWED_ATTRS = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'aria-labelledby', 'border', 'rowspan', 'colspan', 'scope', 'headers', 'data-cell']);

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/**
 * Every XML part of the package, parsed; a parse problem of any kind fails — but for xmldom's
 * warning about U+FFFD where `replaced` says the text holds some on purpose.
 */
export function docxParts(bytes: Uint8Array, options: { replaced?: boolean } = {}): Record<string, Document> {
  const parts: Record<string, Document> = {};
  for (const [name, data] of Object.entries(unzip(bytes))) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const problems: string[] = [];
    const onError = (level: string, message: string): void => {
      if (!(options.replaced && level === 'warning' && /replacement character/.test(message))) problems.push(`${name} ${level}: ${message}`);
    };
    parts[name] = new DOMParser({ onError }).parseFromString(new TextDecoder().decode(data), 'application/xml');
    expect(problems).toEqual([]);
  }
  return parts;
}

/** Every w:`tag` element under `node`. */
export const wAll = (node: Document | XmlElement, tag: string): XmlElement[] => Array.from(node.getElementsByTagNameNS(W, tag));
/** The text of its w:t elements. */
export const wText = (node: XmlElement): string => wAll(node, 't').map((t) => t.textContent ?? '').join('');

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}
