/** Whether a reading is honest: each cell read holds its true value, each cell not read is named by an import finding. */
import type { CheckedReport } from '../../src/core/check';

export interface Outcomes {
  /** Cells read with their true value. */
  right: string[];
  /** Cells not read, named by an `import.*` finding (or in a table reported as not found: import.tableNotFound, doc.missingTable). */
  named: string[];
  /** Cells read with another value (`id=value`): a failure. */
  wrong: string[];
  /** Cells neither read nor named: a failure. */
  silent: string[];
}

/** Sorts every cell of `truth` (id → number, null for a blank) by how `report` read it. */
export function outcomes(report: CheckedReport, truth: Readonly<Record<string, number | null | undefined>>): Outcomes {
  const imports = report.findings.filter((f) => f.code.startsWith('import.'));
  const named = new Set(imports.flatMap((f) => f.cells));
  // A table not found is named whole (doc.missingTable where the report's section has no table).
  const notFound = new Set(report.findings.filter((f) => f.code === 'import.tableNotFound' || f.code === 'doc.missingTable').map((f) => String(f.params?.table)));
  const out: Outcomes = { right: [], named: [], wrong: [], silent: [] };
  for (const [id, expected] of Object.entries(truth)) {
    if (id in report.values) (report.values[id] === expected ? out.right : out.wrong).push(`${id}=${String(report.values[id])}`);
    else (named.has(id) || notFound.has(id.split('.')[0]) ? out.named : out.silent).push(id);
  }
  return out;
}
