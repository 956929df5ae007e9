/**
 * Every finding code the product emits, with its severity: the public interface listed in the
 * spec. Messages (one per code and locale) and docs are checked against this list.
 */
import type { Severity } from '../formats/types';

export const RULE_CODES = {
  't3.balance': 'error',
  't3.rowTotal': 'error',
  't3.resultTotal': 'error',
  't4.groupTotal': 'error',
  'cell.notNumber': 'error',
  'cell.negative': 'error',
  'cell.notInteger': 'error',
  'cell.placeholder': 'error',
  'cell.blank': 'warning',
  'cell.unitInCell': 'warning',
  't2.publishedExceedsTotal': 'warning',
  't2.feeMagnitude': 'warning',
  't3.carryOver': 'warning',
  't2.stockFlow': 'warning',
  't2.itemsRollForward': 'warning',
  'format.yearMismatch': 'error',
  'narrative.mismatch': 'warning',
  'doc.missingSection': 'warning',
  'doc.missingTable': 'error',
  'import.tableNotFound': 'error',
  'import.partialTable': 'error',
  'import.ambiguous': 'error',
  'doc.sameAsLastYear': 'warning',
  'import.reconstructed': 'info',
} as const satisfies Record<string, Severity>;

export type RuleCode = keyof typeof RULE_CODES;

export const ALL_CODES = Object.keys(RULE_CODES) as RuleCode[];

export function severityOf(code: RuleCode): Severity {
  return RULE_CODES[code];
}
