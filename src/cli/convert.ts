/**
 * Legacy and other office formats (.doc, .wps, .xls, .et, .odt, .ods) converted with LibreOffice
 * to .docx or .xlsx, which the core reads. `soffice` runs headless with a profile of its own in
 * a temporary folder (so it neither touches nor waits for the user's LibreOffice), on a copy of
 * the input, under a time limit; the folder is removed afterwards, whatever happened.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

/** What each convertible extension becomes, and the program that saves it so. */
export const CONVERTIBLE: Record<string, { to: 'docx' | 'xlsx'; saveAs: string }> = {
  '.doc': { to: 'docx', saveAs: 'Word 或 WPS 文字' },
  '.wps': { to: 'docx', saveAs: 'WPS 文字' },
  '.odt': { to: 'docx', saveAs: 'Word、WPS 文字或 LibreOffice' },
  '.xls': { to: 'xlsx', saveAs: 'Excel 或 WPS 表格' },
  '.et': { to: 'xlsx', saveAs: 'WPS 表格' },
  '.ods': { to: 'xlsx', saveAs: 'Excel、WPS 表格或 LibreOffice' },
};

/** A conversion takes 2–4 s here; a minute means LibreOffice is stuck on the file. */
export const CONVERSION_TIMEOUT_MS = 60_000;

export class ConversionError extends Error {
  constructor(
    readonly reason: 'noSoffice' | 'failed' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'ConversionError';
  }
}

/** `soffice` on the PATH (or `NIANBAO_SOFFICE`), else undefined. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NIANBAO_SOFFICE) return fs.existsSync(env.NIANBAO_SOFFICE) ? env.NIANBAO_SOFFICE : undefined;
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * The bytes of `bytes` (read from a file with extension `ext`) converted by LibreOffice to
 * .docx or .xlsx. Throws `ConversionError`.
 */
export async function convertWithSoffice(bytes: Uint8Array, ext: string, soffice = findSoffice()): Promise<Uint8Array> {
  const target = CONVERTIBLE[ext];
  if (!target) throw new Error(`not convertible: ${ext}`);
  if (!soffice) throw new ConversionError('noSoffice', 'soffice not found');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-convert-'));
  try {
    const input = path.join(dir, `report${ext}`);
    const outDir = path.join(dir, 'out');
    fs.writeFileSync(input, bytes);
    const args = [`-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`, '--headless', '--norestore', '--nologo', '--nolockcheck', '--convert-to', target.to, '--outdir', outDir, input];
    await new Promise<void>((resolve, reject) => {
      execFile(soffice, args, { timeout: CONVERSION_TIMEOUT_MS, killSignal: 'SIGKILL', windowsHide: true }, (error) => {
        if (error && (error as { killed?: boolean }).killed) reject(new ConversionError('timeout', `soffice took over ${CONVERSION_TIMEOUT_MS / 1000} s`));
        else if (error) reject(new ConversionError('failed', error.message));
        else resolve();
      });
    });
    const output = path.join(outDir, `report.${target.to}`);
    // soffice exits 0 even when it converted nothing.
    if (!fs.existsSync(output)) throw new ConversionError('failed', 'soffice wrote no output');
    return new Uint8Array(fs.readFileSync(output));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
