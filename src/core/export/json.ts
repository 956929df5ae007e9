/**
 * The report as JSON: format, year, body, the cells (id → content as read: a number, text, or
 * null for a blank), every finding with its message, the checks run, and the reasons recorded.
 * The checker reads the file back (`nianbao check report.json`) to the same cells and findings.
 */
import { cellsOf } from '../formats/registry';
import type { RawValue } from '../import/grid';
import { findingJson } from '../messages';
import { rawToText } from '../values/parse';
import { checkOutcomes, type Accepted } from './checks';
import { reportTitle, type ExportableReport } from './model';

/** JSON holds numbers, text and null; dates and error values go as the text a sheet shows. */
function jsonValue(v: RawValue): number | string | boolean | null {
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return rawToText(v);
}

export function reportJson(report: ExportableReport, accepted: Accepted): string {
  const cells: Record<string, number | string | boolean | null> = {};
  for (const id of cellsOf(report.format).keys()) if (Object.prototype.hasOwnProperty.call(report.raw, id)) cells[id] = jsonValue(report.raw[id]);
  const data = {
    generator: 'nianbao',
    title: reportTitle(report),
    format: report.format.id,
    year: report.year ?? null,
    body: report.body?.trim() || null,
    cells,
    findings: report.findings.map((f) => findingJson(f, report.format)),
    checks: checkOutcomes(report.format, report.findings, report.year, report.checked).map((o) => ({
      code: o.code,
      severity: o.severity,
      status: o.status,
      count: o.count,
      ...(o.notRunBecause ? { notRunBecause: o.notRunBecause } : {}),
    })),
    accepted,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
