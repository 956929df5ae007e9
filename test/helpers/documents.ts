/**
 * Word and PDF documents made from the rendered cases by two producers each, built once and
 * cached in the temp folder under a hash of the inputs (LibreOffice and Chromium take seconds a
 * file): LibreOffice (`.html` → `.docx` and `.doc`, `.docx` → `.pdf`, one process per batch)
 * and Chromium (`.html` printed to PDF). A lock folder keeps parallel suites from building twice.
 */
import { execFileSync } from 'child_process';
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
