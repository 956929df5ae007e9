/**
 * Pages as a PDF reader's text: each page printed by Debian's Chromium and turned back into text
 * by `pdftotext -layout` (poppler-utils), the way published reports are copied. Both tools are
 * required (CI installs them); a missing one fails the suite.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { CHROMIUM, CHROMIUM_ARGS } from '../browser/harness';

const run = promisify(execFile);
const PDFTOTEXT = '/usr/bin/pdftotext';

/** Prints one page to a PDF and returns its `pdftotext -layout` text. */
async function printedText(html: string, dir: string): Promise<string> {
  const base = path.join(dir, path.basename(html, '.html'));
  await run(CHROMIUM, [...CHROMIUM_ARGS, '--no-pdf-header-footer', `--print-to-pdf=${base}.pdf`, `file://${path.resolve(html)}`], { timeout: 120_000 });
  if (!fs.existsSync(`${base}.pdf`)) throw new Error(`Chromium printed no PDF for ${html}`);
  await run(PDFTOTEXT, ['-layout', `${base}.pdf`, `${base}.txt`], { timeout: 60_000 });
  return fs.readFileSync(`${base}.txt`, 'utf8');
}

/**
 * The `pdftotext -layout` text of each page, by file name without extension; printed two at a
 * time (each print takes seconds) into a temporary folder that is removed afterwards.
 */
export async function pdfTexts(htmlFiles: readonly string[]): Promise<Map<string, string>> {
  for (const [tool, pkg] of [[CHROMIUM, 'chromium'], [PDFTOTEXT, 'poppler-utils']]) {
    if (!fs.existsSync(tool)) throw new Error(`${tool} is missing: the PDF-text tests need Debian's ${pkg} (and fonts-noto-cjk). Run .ci/run, or apt-get install ${pkg}.`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pdf-'));
  try {
    const texts = new Map<string, string>();
    const queue = [...htmlFiles];
    const worker = async (): Promise<void> => {
      for (let file = queue.shift(); file; file = queue.shift()) texts.set(path.basename(file, '.html'), await printedText(file, dir));
    };
    await Promise.all([worker(), worker()]);
    return texts;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
