/**
 * Recalculating a workbook in a real spreadsheet engine: LibreOffice headless converts .xlsx to
 * .xlsx with every formula recalculated (its own profile sets OOXMLRecalcMode to "always").
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzip } from '../readers/helpers';

const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export function sofficePath(): string | undefined {
  for (const candidate of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice']) if (fs.existsSync(candidate)) return candidate;
  return undefined;
}

/** Converts `input` (.xlsx bytes) with LibreOffice to `format` and returns the output bytes. */
export function convertWithLibreOffice(input: Uint8Array, format: 'xlsx' | 'pdf' = 'xlsx', name = 'book.xlsx'): Uint8Array {
  const soffice = sofficePath();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed: run .ci/run, or apt-get install libreoffice-calc-nogui');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-lo-'));
  try {
    const profile = path.join(dir, 'profile');
    fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
    fs.writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS);
    const inDir = path.join(dir, 'in');
    const outDir = path.join(dir, 'out');
    fs.mkdirSync(inDir);
    fs.writeFileSync(path.join(inDir, name), input);
    execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, path.join(inDir, name)], { stdio: 'pipe', timeout: 120_000 });
    const out = path.join(outDir, name.replace(/\.[^.]+$/, `.${format}`));
    // soffice exits 0 even when it converted nothing.
    if (!fs.existsSync(out)) throw new Error(`LibreOffice produced no ${format} for ${name}`);
    return new Uint8Array(fs.readFileSync(out));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The values a spreadsheet program saved for the first sheet's cells, `row:col` (zero-based) →
 * the `<v>` text. Read from the XML directly: ExcelJS drops results of some recalculated cells.
 */
export function cachedValues(xlsx: Uint8Array): Map<string, string> {
  const xml = new TextDecoder().decode(unzip(xlsx)['xl/worksheets/sheet1.xml']);
  const values = new Map<string, string>();
  for (const m of xml.matchAll(/<c r="([A-Z]+)(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const v = /<v>([^<]*)<\/v>/.exec(m[3] ?? '');
    if (!v) continue;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    values.set(`${Number(m[2]) - 1}:${col}`, v[1]);
  }
  return values;
}
