/**
 * Word and PDF documents made from the rendered cases by two producers each, built once and
 * cached in the temp folder under a hash of the inputs (LibreOffice and Chromium take seconds a
 * file): LibreOffice (`.html` → `.docx` and `.doc`, `.docx` → `.pdf`, one process per batch)
 * and Chromium (`.html` printed to PDF). A lock folder keeps parallel suites from building twice.
 */
import { execFile, execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium } from 'playwright-core';
import { RENDERED } from './fixtures';
import { sofficePath } from './libreoffice';

export const CASES = fs
  .readdirSync(RENDERED)
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.replace(/\.html$/, ''))
  .sort();

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'nianbao.js');

/** A file's result in `nianbao check --json`. */
export interface FileResult {
  file: string;
  format: string;
  year: number;
  tables: Record<string, boolean>;
  cells: Record<string, number | null>;
  findings: { code: string; cells: string[]; expected: unknown; actual: unknown; difference: unknown; likelyCulprit?: unknown }[];
}

/** Checks files with the built command (`nianbao check --json`; pdf.js is an ES module Jest cannot load). */
export function checkJson(files: string[]): Promise<FileResult[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, 'check', '--json', ...files], { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
      if (error && error.code !== 1) return reject(new Error(`${error.message}\n${stderr}`));
      resolve((JSON.parse(stdout) as { files: FileResult[] }).files);
    });
  });
}

/** What must agree between routes: everything but the file name and the wording of messages. */
export const essence = (r: FileResult): unknown => ({
  format: r.format,
  year: r.year,
  tables: r.tables,
  cells: r.cells,
  findings: r.findings.map((f) => [f.code, f.cells, f.expected, f.actual, f.difference, f.likelyCulprit ?? null]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
});

export type Route = 'lo.docx' | 'lo.doc' | 'lo.pdf' | 'chromium.pdf';
export const ROUTES: Route[] = ['lo.docx', 'lo.doc', 'lo.pdf', 'chromium.pdf'];

function cacheDir(): string {
  const hash = createHash('sha256');
  for (const name of CASES) hash.update(fs.readFileSync(path.join(RENDERED, `${name}.html`)));
  return path.join(os.tmpdir(), `nianbao-documents-${hash.digest('hex').slice(0, 16)}`);
}

/** The file of a case by a route. */
export function documentPath(dir: string, name: string, route: Route): string {
  return path.join(dir, route.split('.')[0], `${name}.${route.split('.')[1]}`);
}

function soffice(args: string[], profile: string): void {
  const bin = sofficePath();
  if (!bin) throw new Error('LibreOffice (soffice) is not installed: run .ci/run, or apt-get install libreoffice-writer-nogui');
  execFileSync(bin, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args], { stdio: 'pipe', timeout: 300_000 });
}

async function build(dir: string): Promise<void> {
  const work = `${dir}.building-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  const profile = path.join(work, 'profile');
  const inputs = CASES.map((name) => path.join(RENDERED, `${name}.html`));
  soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'docx', '--outdir', path.join(work, 'lo'), ...inputs], profile);
  soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'doc:MS Word 97', '--outdir', path.join(work, 'lo'), ...inputs], profile);
  soffice(['--convert-to', 'pdf', '--outdir', path.join(work, 'lo'), ...CASES.map((name) => path.join(work, 'lo', `${name}.docx`))], profile);
  fs.mkdirSync(path.join(work, 'chromium'), { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    for (const name of CASES) {
      await page.goto(`file://${path.join(RENDERED, `${name}.html`)}`);
      await page.pdf({ path: path.join(work, 'chromium', `${name}.pdf`), format: 'A4' });
    }
  } finally {
    await browser.close();
  }
  fs.rmSync(profile, { recursive: true, force: true });
  for (const name of CASES) for (const route of ROUTES) if (!fs.existsSync(documentPath(work, name, route))) throw new Error(`no ${route} made for ${name}`);
  fs.renameSync(work, dir);
}

/** The folder holding every case by every route, built on first use. */
export async function renderedDocuments(): Promise<string> {
  const dir = cacheDir();
  const lock = `${dir}.lock`;
  for (let waited = 0; !fs.existsSync(dir); waited += 500) {
    try {
      fs.mkdirSync(lock);
    } catch {
      if (waited > 600_000) throw new Error(`waited 10 minutes for ${lock}: remove it if no test is running`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      if (!fs.existsSync(dir)) await build(dir);
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}

/** A PDF file of these objects (numbered from 1, the first the catalog), with its cross-reference table. */
function pdfOf(objects: readonly string[]): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A one-page PDF whose only content is a picture: what a scanner makes. */
export function imageOnlyPdf(): Buffer {
  const pixels = Buffer.from([0x20, 0xe0, 0xe0, 0x20]);
  const content = 'q 500 0 0 700 40 70 cm /Im0 Do Q';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>',
    `<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n${pixels.toString('latin1')}\nendstream`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  return pdfOf(objects);
}

interface PageText {
  width: number;
  height: number;
  items: { str: string; x: number; y: number; width: number; size: number }[];
}

/**
 * The text items of a PDF's pages as the built reader extracts them (pdf.js is an ES module Jest
 * cannot load), with pdf.js's CMaps and standard fonts or, `bare`, without: then the kind of
 * `PdfReadError` it throws.
 */
export function pdfTextItems(pdf: string, bare = false): PageText[] | { error: string } {
  const script = `
    const { loadPdfJs, pdfOptions } = require(${JSON.stringify(path.join(ROOT, 'dist/src/cli/pdfjs.js'))});
    const { extractPdfText } = require(${JSON.stringify(path.join(ROOT, 'dist/src/core/import/pdf.js'))});
    const options = process.argv[2] === 'bare' ? {} : pdfOptions();
    loadPdfJs()
      .then((pdfjs) => extractPdfText(pdfjs, require('fs').readFileSync(process.argv[1]), options))
      .then((pages) => process.stdout.write(JSON.stringify(pages)), (e) => process.stdout.write(JSON.stringify({ error: e.kind ?? String(e) })));`;
  const out = execFileSync(process.execPath, ['-e', script, pdf, bare ? 'bare' : 'full'], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  return JSON.parse(out.toString('utf8')) as PageText[] | { error: string };
}

/**
 * A PDF whose text is set in a Chinese font that is not embedded and is encoded by a predefined
 * CMap (STSong-Light, `UniGB-UCS2-H`, Adobe-GB1), as WPS and Word write them: pdf.js can decode
 * it only with its CMap files. Each item of `pages` is set where it stands.
 */
export function predefinedCMapPdf(pages: readonly PageText[]): Buffer {
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '', // the page tree, once the pages' numbers are known
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
    // Latin letters and digits (CIDs 1–95 of Adobe-GB1) half an em wide, the rest a whole em.
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  const kids: number[] = [];
  for (const page of pages) {
    const ucs2 = (text: string): string => [...text].map((ch) => (ch.codePointAt(0) ?? 0x3f).toString(16).padStart(4, '0')).filter((hex) => hex.length === 4).join('');
    // Each item stretched to its width in the original, so that the layout is the same.
    const ems = (text: string): number => [...text].reduce((sum, ch) => sum + ((ch.codePointAt(0) ?? 0) < 0x7f ? 0.5 : 1), 0);
    const content = page.items
      .map((item) => `BT /F1 ${item.size.toFixed(2)} Tf ${(item.width / (ems(item.str) * item.size)).toFixed(4)} 0 0 1 ${item.x.toFixed(2)} ${item.y.toFixed(2)} Tm <${ucs2(item.str)}> Tj ET`)
      .join('\n');
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${page.width.toFixed(2)} ${page.height.toFixed(2)}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`);
    kids.push(objects.length);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  return pdfOf(objects);
}
