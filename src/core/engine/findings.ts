/** The one shape every check produces; wording lives in `messages/`, not here. */
import type { Severity, TableId } from '../formats/types';
import type { RuleCode } from '../rules/codes';

export interface Finding {
  code: RuleCode;
  severity: Severity;
  /** Cell ids involved, the relation's left-hand side first. */
  cells: string[];
  /** What the relation requires (the right-hand side), where there is a number to state. */
  expected: number | string | null;
  /** What the table states (the left-hand side, or the raw cell content). */
  actual: number | string | null;
  /** actual − expected. */
  difference: number | null;
  /** The row, column or group a repeated rule was evaluated for (`total`, `denied1`, `review`). */
  where?: string;
  /** Structured detail for messages (units found, rules blocked, labels missing, sources …). */
  params?: Record<string, unknown>;
  /** The single cell that would explain this failure, and the value that satisfies every rule it is in. */
  likelyCulprit?: { cell: string; value: number };
}

/** The table a finding belongs to (for grouping in the CLI and the pane), or `other` for whole-report findings. */
export function tableOfFinding(finding: Finding): TableId | 'other' {
  const table = (finding.params?.table as string | undefined) ?? finding.cells[0]?.split('.')[0];
  return table === 't2' || table === 't3' || table === 't4' ? table : 'other';
}

/** Groups in the order reports print them: whole-report findings first, then t2, t3, t4. */
export const FINDING_GROUPS: readonly (TableId | 'other')[] = ['other', 't2', 't3', 't4'];
