/**
 * The record an export carries of its checks: every rule that applies to the format with its
 * outcome (通过 / n 处问题 / 未进行 and why), and the reasons the user gave for exporting with
 * errors or accepting warnings. Export for publishing is refused while errors remain and no reason
 * is recorded (`ExportRefusedError`).
 */
import type { Finding } from '../engine/findings';
import type { FormatDef, Severity } from '../formats/types';
import { messageFor } from '../messages';
import { SUMMARIES } from '../messages/summaries';
import { ALL_CODES, severityOf, type RuleCode } from '../rules/codes';
import type { ChecksRun } from './model';

export interface ExportOptions {
  /** Why the report is exported although errors remain (recorded in the export). */
  reason?: string;
  /** Why the warnings are accepted as they are (recorded in the export). */
  acceptWarnings?: string;
}

export type CheckStatus = 'passed' | 'failed' | 'notRun';

export interface CheckOutcome {
  code: RuleCode;
  severity: Severity;
  /** What the check verifies, in the spec's terms. */
  summary: string;
  status: CheckStatus;
  /** Findings with this code. */
  count: number;
  /** Why a check did not run. */
  notRunBecause?: string;
}

/** A reason the user recorded, and how many findings it covers. */
export interface Acceptance {
  reason: string;
  count: number;
}

export interface Accepted {
  errors?: Acceptance;
  warnings?: Acceptance;
}

/** Thrown by `exportReport` when errors remain and no reason was given. */
export class ExportRefusedError extends Error {
  constructor(
    message: string,
    /** The error findings that block the export. */
    readonly errors: readonly Finding[],
  ) {
    super(message);
    this.name = 'ExportRefusedError';
  }
}

const NEEDS_LAST_YEAR = '需要上年报告';

/** Why a code that applies to every report may not have run, or undefined when it always runs. */
function condition(code: RuleCode, year: number | undefined, checked: ChecksRun): string | undefined {
  switch (code) {
    case 'format.yearMismatch':
      return year === undefined ? '报告年度不明' : undefined;
    case 'narrative.mismatch':
      return checked.narrative ? undefined : '没有正文文字';
    case 'doc.missingSection':
    case 'doc.missingTable':
      return checked.document ? undefined : '不是整份报告';
    default:
      return undefined;
  }
}

/**
 * Every check that applies to the format, in the order of `RULE_CODES`, with its outcome. Rules of
 * the other format are left out; cross-year rules ran only with last year's report, the narrative
 * check only on text, the section checks only on a whole report (unless findings show they ran).
 */
export function checkOutcomes(format: FormatDef, findings: readonly Finding[], year: number | undefined, checked: ChecksRun = {}): CheckOutcome[] {
  const formatCodes = new Map(format.rules.map((r) => [r.code, r.kind]));
  const counts = new Map<RuleCode, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  const outcomes: CheckOutcome[] = [];
  for (const code of ALL_CODES) {
    const count = counts.get(code) ?? 0;
    const isFormatRule = /^t[234]\./.test(code);
    if (isFormatRule && !formatCodes.has(code) && count === 0) continue;
    const notRunBecause = isFormatRule ? (formatCodes.get(code) === 'crossYear' && !checked.lastYear ? NEEDS_LAST_YEAR : undefined) : condition(code, year, checked);
    const base = { code, severity: severityOf(code), summary: SUMMARIES[code], count };
    if (count > 0) outcomes.push({ ...base, status: 'failed' });
    else if (notRunBecause) outcomes.push({ ...base, status: 'notRun', notRunBecause });
    else outcomes.push({ ...base, status: 'passed' });
  }
  return outcomes;
}

/** `通过`, `3 处问题`, `未进行（需要上年报告）`. */
export function outcomeText(o: CheckOutcome): string {
  if (o.status === 'failed') return `${o.count} 处问题`;
  if (o.status === 'notRun') return `未进行（${o.notRunBecause ?? ''}）`;
  return '通过';
}

export const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** How many findings the refusal message quotes. */
const QUOTED = 3;

const given = (text: string | undefined): string | undefined => {
  const t = text?.trim();
  return t ? t : undefined;
};

/**
 * Decides whether the report may be exported: refuses (`ExportRefusedError`, in Chinese, with
 * the error count and the first few findings) while errors remain without a reason; otherwise
 * returns the reasons that apply. A reason given where nothing needs it is not recorded.
 * Warnings never block: accepting them records why they stand.
 */
export function acceptance(format: FormatDef, findings: readonly Finding[], options: ExportOptions = {}): Accepted {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const reason = given(options.reason);
  if (errors.length > 0 && !reason) {
    const quoted = errors.slice(0, QUOTED).map((f, k) => `${k + 1}. ${messageFor(f, format)}`);
    const more = errors.length > QUOTED ? [`……另有 ${errors.length - QUOTED} 处错误。`] : [];
    throw new ExportRefusedError(
      [`表格还有 ${errors.length} 处错误，不能导出发布。请先更正；确需导出的，请填写理由，理由将记入导出的文件。`, ...quoted, ...more].join('\n'),
      errors,
    );
  }
  const accepted: Accepted = {};
  if (errors.length > 0 && reason) accepted.errors = { reason, count: errors.length };
  const warningReason = given(options.acceptWarnings);
  if (warnings.length > 0 && warningReason) accepted.warnings = { reason: warningReason, count: warnings.length };
  return accepted;
}

/** How a finding was dealt with, for the 校验结果 sheet: exported with a reason, accepted, or open. */
export function handling(f: Finding, accepted: Accepted): string {
  if (f.severity === 'error') return accepted.errors ? '已说明理由，仍导出' : '';
  if (f.severity === 'warning') return accepted.warnings ? '已接受' : '未处理';
  return '';
}
