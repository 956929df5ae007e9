/** Shared by the export tests: the shared fixtures as checked reports, temp files, PDF text. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readReportFile } from '../../src/cli/read-file';
import { checkReport, type CheckedReport } from '../../src/core/check';
import type { ExportableReport } from '../../src/core/export';
import { loadCellsFixture, rawCells } from '../helpers/fixtures';

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

export function hasPoppler(): boolean {
  return fs.existsSync('/usr/bin/pdftotext') && fs.existsSync('/usr/bin/pdftoppm');
}

/** The PDF's text as pdftotext reads it. */
export function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
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
