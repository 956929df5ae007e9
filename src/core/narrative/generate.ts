/**
 * Narrative generation: the figure-bearing paragraphs of a report (一、总体情况's 主动公开 and
 * 依申请公开 parts, 三, 四 and, for format 2021, the 信息处理费 sentence of 六) written from the
 * tables in the formal register of published reports.
 *
 * Every number written is recorded in `figures` with what backs it (the report year, a cell, a
 * documented sum of cells, a share of （七）总计), and the counts the text states are taken from
 * the same cells the narrative check (`check.ts`) reads them from (`figures.ts`), so generated
 * text always passes that check. Tables with errors are refused unless a draft is asked for.
 *
 * Percentages are exact: n ÷ d × 100 on whole counts in bigint, rounded half up to two decimals
 * (`44.655…` → `44.66`, `4.2` → `4.20`). Each share is rounded on its own, so the shares written
 * for the six outcome categories may add up to 99.99% or 100.01% rather than exactly 100%; the
 * text never states their sum.
 */
import type { Finding } from '../engine/findings';
import { validate, type ParsedCells } from '../engine/validate';
import { cellsOf, missingCells } from '../formats/registry';
import type { FormatDef, TableId } from '../formats/types';
import type { RawValue } from '../import/grid';
import { messageFor } from '../messages';
import { severityOf } from '../rules/codes';
import { Decimal } from '../values/decimal';
import { figureStatement, statementCells } from './figures';

export type SectionKey = '一.主动公开' | '一.依申请公开' | '三' | '四' | '六';

export interface NarrativeSections {
  '一.主动公开': string;
  '一.依申请公开': string;
  三: string;
  四: string;
  /** Format 2021 only: the 信息处理费 sentence. */
  六?: string;
}

export interface NarrativeOptions {
  /** Outcome categories and items that are 0: left out of the text (default) or stated as 0件. */
  zeroCategories?: 'omit' | 'state';
  /** Generate despite errors in the tables; every section is then marked as a draft. */
  draft?: boolean;
  /** The findings of checking the report (`checkReport`); default: the tables are validated here. */
  findings?: readonly Finding[];
  /**
   * The 信息处理费 collected, in 元, as confirmed by the user (`'0'`: none). The tables carry no
   * such figure, so without it section 六 is a sentence for the user to complete.
   * Throws RangeError when it is not a non-negative decimal.
   */
  processingFee?: string;
}

export interface NarrativeInput {
  format: FormatDef;
  year: number;
  /** The issuing body, the subject of every section (`淮安市人民政府`, `本机关`). */
  body: string;
  /** This year's parsed cells (`parseReport`). */
  values: ParsedCells;
  /** Last year's parsed cells, for 较上年增长/下降 of the applications received. */
  lastYear?: ParsedCells;
  options?: NarrativeOptions;
}

/** What a number in the text is, and how to recompute it from the tables. */
export type FigureBasis =
  /** The report year. */
  | { kind: 'year' }
  /** Σ cells (a single cell, or a documented sum such as 予以公开 over its applicant columns). */
  | { kind: 'sum'; cells: string[] }
  /** |Σ cells|: a signed 本年增/减 written as 增加/减少 and its size. */
  | { kind: 'magnitude'; cells: string[] }
  /** Σ cells ÷ Σ of × 100, rounded half up to two decimals. */
  | { kind: 'share'; cells: string[]; of: string[] }
  /** |this year's Σ cells − last year's| ÷ last year's × 100, rounded half up to two decimals. */
  | { kind: 'change'; cells: string[] }
  /** The number of errors in the tables (the draft mark). */
  | { kind: 'errors' }
  /** A figure the user supplied (the 信息处理费 in 元). */
  | { kind: 'user'; option: 'processingFee' };

export interface NarrativeFigure {
  section: SectionKey;
  /** The number as written. */
  text: string;
  /** Its exact value (a decimal literal). */
  value: string;
  /** Every cell it is computed from (for shares, the denominator's too). */
  cells: string[];
  basis: FigureBasis;
}

/** A statement without a number (未收到政府信息公开申请): the cells that must all be 0 for it to hold. */
export interface NarrativeFact {
  section: SectionKey;
  text: string;
  cells: string[];
}

export interface Narrative {
  sections: NarrativeSections;
  /** Every number written, in order of appearance within each section. */
  figures: NarrativeFigure[];
  facts: NarrativeFact[];
  /** True when generated from tables with errors (`options.draft`); each section is marked. */
  draft: boolean;
  /** The errors the tables hold (empty unless `draft`). */
  errors: Finding[];
}

/** Thrown when the tables hold errors and no draft was asked for. The message names the failing checks. */
export class NarrativeRefusedError extends Error {
  constructor(readonly errors: readonly Finding[], format: FormatDef) {
    super(refusalMessage(errors, format));
    this.name = 'NarrativeRefusedError';
  }
}

const LISTED = 5;

/** `表格尚有 12 处错误（t3.rowTotal 11 处、t3.resultTotal 1 处）…`, then the first few in full. */
function refusalMessage(errors: readonly Finding[], format: FormatDef): string {
  const byCode = new Map<string, number>();
  for (const f of errors) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
  const checks = [...byCode].map(([code, n]) => `${code} ${n} 处`).join('、');
  const lines = errors.slice(0, LISTED).map((f) => `  ${f.code}：${messageFor(f, format, 'zh-CN')}`);
  const more = errors.length > LISTED ? [`  ……另有 ${errors.length - LISTED} 处错误`] : [];
  return [`表格尚有 ${errors.length} 处错误（${checks}），未生成文字。请先更正，或选择生成草稿：`, ...lines, ...more].join('\n');
}

/** Written where a figure cannot be read from the tables (drafts only). */
export const MISSING_FIGURE = '××';

const T4_COLUMNS = [
  { id: 'upheld', label: '结果维持' },
  { id: 'corrected', label: '结果纠正' },
  { id: 'other', label: '其他结果' },
  { id: 'pending', label: '尚未审结' },
] as const;

/** 三's outcome categories, in the table's order, by their statements in `figures.ts`. */
const OUTCOMES = ['granted', 'partial', 'denied', 'unavailable', 'notProcessed', 'other'] as const;

/** n ÷ d × 100 rounded half up to two decimals, exactly (whole non-negative counts, d > 0). */
export function percentOf(n: Decimal, d: Decimal): Decimal {
  const hundredths = (BigInt(n.toString()) * 10000n * 2n + BigInt(d.toString())) / (2n * BigInt(d.toString()));
  return Decimal.fromInt(hundredths).shiftLeft(2);
}

/** A percentage with exactly two decimals, as published reports print them (`4.20`). */
function twoDecimals(value: Decimal): string {
  const [whole, fraction = ''] = value.toString().split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/**
 * Collects the numbers and facts of one section as it is written. Each number is written as a
 * token and resolved when the section is finished, so `figures` lists exactly the numbers that
 * end up in the text, in their order, whatever clauses were dropped on the way.
 */
/**
 * A figure's and a fact's place in a section being written: the index of its entry between two
 * private-use characters, which no report text contains.
 */
const FIGURE_MARK = '\uE000';
const FACT_MARK = '\uE001';
const MARKED = new RegExp(`${FIGURE_MARK}(\\d+)${FIGURE_MARK}|${FACT_MARK}(\\d+)${FACT_MARK}`, 'g');

class SectionWriter {
  private readonly pending: { text: string; value: Decimal; basis: FigureBasis }[] = [];
  private readonly pendingFacts: { text: string; cells: string[] }[] = [];

  constructor(readonly key: SectionKey) {}

  num(value: Decimal | null, basis: FigureBasis, text?: string): string {
    if (value === null) return MISSING_FIGURE;
    return `${FIGURE_MARK}${this.pending.push({ text: text ?? value.toString(), value, basis }) - 1}${FIGURE_MARK}`;
  }

  fact(text: string, cells: readonly string[]): string {
    return `${FACT_MARK}${this.pendingFacts.push({ text, cells: [...cells] }) - 1}${FACT_MARK}`;
  }

  finish(raw: string, figures: NarrativeFigure[], facts: NarrativeFact[]): string {
    return raw.replace(MARKED, (_, f: string | undefined, k: string | undefined) => {
      if (f !== undefined) {
        const { text, value, basis } = this.pending[Number(f)];
        figures.push({ section: this.key, text, value: value.toString(), cells: cellsOfBasis(basis), basis });
        return text;
      }
      const fact = this.pendingFacts[Number(k)];
      facts.push({ section: this.key, ...fact });
      return fact.text;
    });
  }
}

function cellsOfBasis(basis: FigureBasis): string[] {
  switch (basis.kind) {
    case 'sum':
    case 'magnitude':
    case 'change':
      return [...basis.cells];
    case 'share':
      return [...basis.cells, ...basis.of];
    default:
      return [];
  }
}

/** Cells of the format's tables that are absent from `values`, per table. */
function missingByTable(format: FormatDef, values: ParsedCells): Map<TableId, string[]> {
  const missing = new Map<TableId, string[]>();
  for (const { block, cells } of missingCells(format, (id) => values.has(id))) missing.set(block.table, [...(missing.get(block.table) ?? []), ...cells]);
  return missing;
}

/** The errors that stop generation: the findings given (or validation here), and tables not supplied. */
function errorsOf(input: NarrativeInput): Finding[] {
  const { format, year, values, options } = input;
  let findings: readonly Finding[];
  if (options?.findings) {
    findings = options.findings;
  } else {
    const cells: Record<string, RawValue> = {};
    for (const [id, parsed] of values) cells[id] = parsed.raw;
    findings = validate({ format, year, raw: cells }).findings;
  }
  const errors = findings.filter((f) => f.severity === 'error');
  const reported = new Set(errors.filter((f) => f.code.startsWith('import.') || f.code.startsWith('doc.')).flatMap((f) => [...f.cells, `table:${String(f.params?.table ?? '')}`]));
  for (const [table, cells] of missingByTable(format, values)) {
    if (reported.has(`table:${table}`) || cells.every((c) => reported.has(c))) continue;
    const code = cells.length === [...cellsOf(format).values()].filter((d) => d.block.table === table).length ? 'import.tableNotFound' : 'import.partialTable';
    const missingRows = [...new Set(cells.map((c) => c.split('.').slice(-2, -1)[0]))];
    errors.push({ code, severity: severityOf(code), cells, expected: null, actual: null, difference: null, params: { table, missingRows } });
  }
  return errors;
}

/** The paragraphs of a report's narrative from its tables. Throws NarrativeRefusedError when they hold errors (unless a draft). */
export function generateNarrative(input: NarrativeInput): Narrative {
  const { format, values } = input;
  const options = { zeroCategories: 'omit' as const, draft: false, ...input.options };
  const errors = errorsOf(input);
  if (errors.length > 0 && !options.draft) throw new NarrativeRefusedError(errors, format);
  const draft = errors.length > 0;

  const writeZeros = options.zeroCategories === 'state';
  const value = (cell: string): Decimal | null => values.get(cell)?.value ?? null;
  const sum = (cells: readonly string[]): Decimal | null => {
    let total = Decimal.ZERO;
    for (const cell of cells) {
      const v = value(cell);
      if (v === null) return null;
      total = total.add(v);
    }
    return total;
  };
  const isZero = (v: Decimal | null): boolean => v !== null && v.isZero();
  /** A category or item is written unless it is 0 and zeros are omitted (unknown figures are written). */
  const shown = (v: Decimal | null): boolean => writeZeros || !isZero(v);

  const context: Context = { input, writeZeros, value, sum, isZero, shown };
  const writers: Record<SectionKey, SectionWriter> = {
    '一.主动公开': new SectionWriter('一.主动公开'),
    '一.依申请公开': new SectionWriter('一.依申请公开'),
    三: new SectionWriter('三'),
    四: new SectionWriter('四'),
    六: new SectionWriter('六'),
  };
  const raw: Partial<Record<SectionKey, string>> = {
    '一.主动公开': format.id === '2019' ? proactive2019(writers['一.主动公开'], context) : proactive2021(writers['一.主动公开'], context),
    '一.依申请公开': applicationsSummary(writers['一.依申请公开'], context),
    三: applications(writers['三'], context),
    四: reviewsAndSuits(writers['四'], context),
  };
  if (format.id !== '2019') raw['六'] = processingFee(writers['六'], context);

  const figures: NarrativeFigure[] = [];
  const facts: NarrativeFact[] = [];
  const finished: Partial<Record<SectionKey, string>> = {};
  for (const key of Object.keys(raw) as SectionKey[]) {
    const w = writers[key];
    const mark = draft ? `【草稿：表格尚有${w.num(Decimal.fromInt(errors.length), { kind: 'errors' })}处错误】` : '';
    finished[key] = w.finish(mark + (raw[key] as string), figures, facts);
  }
  const sections: NarrativeSections = {
    '一.主动公开': finished['一.主动公开'] as string,
    '一.依申请公开': finished['一.依申请公开'] as string,
    三: finished['三'] as string,
    四: finished['四'] as string,
  };
  if (finished['六'] !== undefined) sections['六'] = finished['六'];
  return { sections, figures, facts, draft, errors: draft ? errors : [] };
}

interface Context {
  input: NarrativeInput;
  /** Zero categories and items are stated as 0件 (`--zero state`), not left out. */
  writeZeros: boolean;
  value(cell: string): Decimal | null;
  sum(cells: readonly string[]): Decimal | null;
  isZero(v: Decimal | null): boolean;
  shown(v: Decimal | null): boolean;
}

/** `2024年，淮安市人民政府`: every section opens with the year and the body. */
function opening(w: SectionWriter, c: Context): string {
  return `${w.num(Decimal.fromInt(c.input.year), { kind: 'year' })}年，${c.input.body}`;
}

/** A count of `cells` (their sum) as a figure. */
function count(w: SectionWriter, c: Context, cells: readonly string[]): string {
  return w.num(c.sum(cells), { kind: 'sum', cells: [...cells] });
}

/** Sentences from groups of clauses; the first non-empty group carries the opening. */
function sentences(open: string, groups: readonly (readonly string[])[], joiners: readonly string[]): string {
  let text = '';
  groups.forEach((clauses, k) => {
    if (clauses.length === 0) return;
    text += `${text === '' ? open : ''}${clauses.join(joiners[k] ?? '；')}。`;
  });
  return text;
}

// ---- 一、总体情况（一）主动公开 -------------------------------------------------------------

const DOCUMENT_ROWS_2021 = [
  { id: 'rules', label: '规章' },
  { id: 'normative', label: '行政规范性文件' },
] as const;
const DECISION_ROWS_2021 = [
  { block: 'art20_5', id: 'license', label: '行政许可' },
  { block: 'art20_6', id: 'penalty', label: '行政处罚' },
  { block: 'art20_6', id: 'enforcement', label: '行政强制' },
] as const;

function allT2Zero(c: Context): boolean {
  return [...cellsOf(c.input.format).keys()].filter((id) => id.startsWith('t2.')).every((id) => c.isZero(c.value(id)));
}

function t2Cells(c: Context): string[] {
  return [...cellsOf(c.input.format).keys()].filter((id) => id.startsWith('t2.'));
}

function proactive2021(w: SectionWriter, c: Context): string {
  const open = opening(w, c);
  if (allT2Zero(c) && !c.writeZeros) {
    return `${open}${w.fact('未制发、废止规章和行政规范性文件，未作出行政许可、行政处罚、行政强制决定，未收取行政事业性收费', t2Cells(c))}。`;
  }
  // 制发规章1件，现行有效11件；制发行政规范性文件8件、废止26件，现行有效66件
  const documents: string[] = [];
  for (const row of DOCUMENT_ROWS_2021) {
    const cell = (col: string) => `t2.art20_1.${row.id}.${col}`;
    const flows: string[] = [];
    let named = false;
    for (const [col, verb] of [['issued', '制发'], ['repealed', '废止']] as const) {
      if (!c.shown(c.value(cell(col)))) continue;
      flows.push(`${verb}${named ? '' : row.label}${count(w, c, [cell(col)])}件`);
      named = true;
    }
    const inForce = c.shown(c.value(cell('inForce'))) ? [`现行有效${named ? '' : row.label}${count(w, c, [cell('inForce')])}件`] : [];
    if (flows.length + inForce.length > 0) documents.push([flows.join('、'), ...inForce].filter(Boolean).join('，'));
  }
  // 作出行政许可决定447228件、行政处罚决定3985758件、行政强制决定88283件，收取行政事业性收费96171.6万元
  const decisions = DECISION_ROWS_2021.filter((r) => c.shown(c.value(`t2.${r.block}.${r.id}.decisions`))).map((r) => `${r.label}决定${count(w, c, [`t2.${r.block}.${r.id}.decisions`])}件`);
  const fee = 't2.art20_8.fees.amount';
  const activity: string[] = [];
  if (decisions.length > 0) activity.push(`${documents.length > 0 ? '全年' : ''}作出${decisions.join('、')}`);
  if (c.shown(c.value(fee))) activity.push(`收取行政事业性收费${count(w, c, [fee])}万元`);
  return sentences(open, [documents, activity], ['；', '，']);
}

const DOCUMENT_ROWS_2019 = [
  { id: 'rules', label: '规章' },
  { id: 'normative', label: '规范性文件' },
] as const;
const ITEM_ROWS_2019 = [
  { block: 'art20_5', id: 'license', label: '行政许可', decisions: true },
  { block: 'art20_5', id: 'otherServices', label: '其他对外管理服务事项', decisions: true },
  { block: 'art20_6', id: 'penalty', label: '行政处罚', decisions: true },
  { block: 'art20_6', id: 'enforcement', label: '行政强制', decisions: true },
  { block: 'art20_8', id: 'fees', label: '行政事业性收费', decisions: false },
] as const;

function proactive2019(w: SectionWriter, c: Context): string {
  const open = opening(w, c);
  if (allT2Zero(c) && !c.writeZeros) {
    return `${open}${w.fact('未新制作、新公开规章和规范性文件，未作出行政许可、行政处罚、行政强制等处理决定，无政府集中采购项目', t2Cells(c))}。`;
  }
  // 新制作规范性文件5件、新公开5件，对外公开总数量为23件
  const documents: string[] = [];
  for (const row of DOCUMENT_ROWS_2019) {
    const cell = (col: string) => `t2.art20_1.${row.id}.${col}`;
    const flows: string[] = [];
    let named = false;
    for (const [col, verb] of [['made', '新制作'], ['published', '新公开']] as const) {
      if (!c.shown(c.value(cell(col)))) continue;
      flows.push(`${verb}${named ? '' : row.label}${count(w, c, [cell(col)])}件`);
      named = true;
    }
    const total = c.shown(c.value(cell('totalPublished'))) ? [`对外公开${named ? '' : row.label}总数量为${count(w, c, [cell('totalPublished')])}件`] : [];
    if (flows.length + total.length > 0) documents.push([flows.join('、'), ...total].filter(Boolean).join('，'));
  }
  // 行政许可上一年项目数量为12项，本年增加3项，处理决定100件
  const items: string[] = [];
  for (const row of ITEM_ROWS_2019) {
    const cell = (col: string) => `t2.${row.block}.${row.id}.${col}`;
    const parts: string[] = [];
    if (c.shown(c.value(cell('lastYearItems')))) parts.push(`上一年项目数量为${count(w, c, [cell('lastYearItems')])}项`);
    const change = c.value(cell('change'));
    if (c.shown(change)) {
      const size = w.num(change === null ? null : change.isNegative() ? change.negate() : change, { kind: 'magnitude', cells: [cell('change')] });
      parts.push(change !== null && change.isZero() ? `本年增减${size}项` : `本年${change?.isNegative() ? '减少' : '增加'}${size}项`);
    }
    if (row.decisions && c.shown(c.value(cell('decisions')))) parts.push(`处理决定${count(w, c, [cell('decisions')])}件`);
    if (parts.length > 0) items.push(`${row.label}${parts.join('，')}`);
  }
  // 政府集中采购项目6项，采购总金额251000元 (the format prescribes no unit: the cell's own, else the user is asked)
  const procurement: string[] = [];
  const projects = 't2.art20_9.procurement.projects';
  const amount = 't2.art20_9.procurement.amount';
  if (c.shown(c.value(projects))) procurement.push(`政府集中采购项目${count(w, c, [projects])}项`);
  if (c.shown(c.value(amount))) {
    const unit = c.input.values.get(amount)?.issues.find((i) => i.unit === '元' || i.unit === '万元')?.unit;
    const figure = count(w, c, [amount]);
    procurement.push(`采购总金额${figure}${unit ?? (c.isZero(c.value(amount)) ? '元' : '【请注明金额单位】')}`);
  }
  return sentences(open, [documents, items, procurement], ['；', '；', '，']);
}

// ---- 一、总体情况（二）依申请公开 and 三 ---------------------------------------------------------

interface ApplicationFigures {
  received: string[];
  carriedIn: string[];
  resultTotal: string[];
  carriedOver: string[];
}

function applicationCells(c: Context): ApplicationFigures {
  const f = c.input.format;
  return {
    received: statementCells(figureStatement('received'), f),
    carriedIn: statementCells(figureStatement('carriedIn'), f),
    resultTotal: statementCells(figureStatement('resultTotal'), f),
    carriedOver: statementCells(figureStatement('carriedOver'), f),
  };
}

/** `占44.66%` of （七）总计, or nothing when the count is 0 or the total unknown. */
function share(w: SectionWriter, c: Context, cells: readonly string[], of: readonly string[]): string {
  const n = c.sum(cells);
  const d = c.sum(of);
  if (n === null || d === null || n.isZero() || d.isZero() || !n.isInteger() || !d.isInteger()) return '';
  const p = percentOf(n, d);
  return `，占${w.num(p, { kind: 'share', cells: [...cells], of: [...of] }, twoDecimals(p))}%`;
}

/** No application received, none carried in, none carried over: nothing to report but that. */
function noApplications(c: Context, a: ApplicationFigures): boolean {
  return [a.received, a.carriedIn, a.resultTotal, a.carriedOver].every((cells) => c.isZero(c.sum(cells)));
}

/** `较上年增长12.35%`, `较上年下降3.10%`, `与上年持平`; empty without a comparable last year. */
function change(w: SectionWriter, c: Context, cells: readonly string[]): string {
  const last = c.input.lastYear;
  if (!last) return '';
  const lastValue = (() => {
    let total = Decimal.ZERO;
    for (const cell of cells) {
      const v = last.get(cell)?.value;
      if (!v) return null;
      total = total.add(v);
    }
    return total;
  })();
  const now = c.sum(cells);
  if (lastValue === null || now === null || lastValue.isZero() || !lastValue.isInteger() || !now.isInteger()) return '';
  const difference = now.sub(lastValue);
  if (difference.isZero()) return '，与上年持平';
  const p = percentOf(difference.isNegative() ? difference.negate() : difference, lastValue);
  return `，较上年${difference.isNegative() ? '下降' : '增长'}${w.num(p, { kind: 'change', cells: [...cells] }, twoDecimals(p))}%`;
}

/** The received clause: 收到…X件, or 未收到新的… when only carried-in applications were handled. */
function receivedClause(w: SectionWriter, c: Context, a: ApplicationFigures, verb: string): string {
  if (c.isZero(c.sum(a.received))) return w.fact('未收到新的政府信息公开申请', a.received);
  return `${verb}政府信息公开申请${count(w, c, a.received)}件`;
}

function applicationsSummary(w: SectionWriter, c: Context): string {
  const a = applicationCells(c);
  const open = opening(w, c);
  if (noApplications(c, a)) return `${open}${w.fact('未收到政府信息公开申请', [...a.received, ...a.carriedIn])}。`;
  const f = c.input.format;
  const first = [receivedClause(w, c, a, '共收到') + (c.isZero(c.sum(a.received)) ? '' : change(w, c, a.received))];
  if (c.shown(c.sum(a.carriedIn))) first.push(`上年结转${count(w, c, a.carriedIn)}件`);
  const resultTotal = c.sum(a.resultTotal);
  if (c.isZero(resultTotal) && !c.writeZeros) {
    first.push('本年度尚未办结');
  } else {
    let done = `全年办结${count(w, c, a.resultTotal)}件`;
    const opened = statementCells(figureStatement('grantedAndPartial'), f);
    if (!c.isZero(resultTotal) && c.shown(c.sum(opened))) done += `，其中予以公开及部分公开${count(w, c, opened)}件${share(w, c, opened, a.resultTotal)}`;
    first.push(done);
  }
  const last = c.shown(c.sum(a.carriedOver)) ? [`结转下年度继续办理${count(w, c, a.carriedOver)}件`] : [];
  return `${open}${[first.join('，'), ...last].join('；')}。`;
}

function applications(w: SectionWriter, c: Context): string {
  const a = applicationCells(c);
  const open = opening(w, c);
  if (noApplications(c, a)) return `${open}${w.fact('未收到政府信息公开申请，无上年结转申请', [...a.received, ...a.carriedIn])}。`;
  const f = c.input.format;
  const counts = [receivedClause(w, c, a, '新收')];
  if (c.shown(c.sum(a.carriedIn))) counts.push(`上年结转${count(w, c, a.carriedIn)}件`);
  const resultTotal = c.sum(a.resultTotal);
  counts.push(c.isZero(resultTotal) && !c.writeZeros ? '本年度尚未办结' : `办结${count(w, c, a.resultTotal)}件`);
  if (c.shown(c.sum(a.carriedOver))) counts.push(`结转下年度继续办理${count(w, c, a.carriedOver)}件`);
  let text = `${open}${counts.join('，')}。`;
  if (c.isZero(resultTotal)) return text;
  // 办理结果中，予以公开1362件，占44.66%；部分公开454件，占14.89%；……
  const outcomes: string[] = [];
  for (const id of OUTCOMES) {
    const statement = figureStatement(id);
    const cells = statementCells(statement, f);
    if (!c.shown(c.sum(cells))) continue;
    outcomes.push(`${statement.label}${count(w, c, cells)}件${share(w, c, cells, a.resultTotal)}`);
  }
  if (outcomes.length > 0) text += `办理结果中，${outcomes.join('；')}。`;
  return text;
}

// ---- 四、行政复议、行政诉讼 ------------------------------------------------------------------

const T4_GROUPS = ['review', 'suitDirect', 'suitAfterReview'] as const;

function reviewsAndSuits(w: SectionWriter, c: Context): string {
  const groupCells = (group: string) => T4_COLUMNS.map((col) => `t4.${group}.${col.id}`);
  const allCells = T4_GROUPS.flatMap((g) => [...groupCells(g), `t4.${g}.total`]);
  const open = opening(w, c);
  if (allCells.every((cell) => c.isZero(c.value(cell)))) {
    return `${open}${w.fact('未发生因政府信息公开申请行政复议和提起行政诉讼的案件', allCells)}。`;
  }
  /** 结果维持72件、结果纠正64件…: each outcome summed over `groups`. */
  const outcomes = (groups: readonly string[]): string =>
    T4_COLUMNS.map((col) => ({ label: col.label, cells: groups.map((g) => `t4.${g}.${col.id}`) }))
      .filter(({ cells }) => c.shown(c.sum(cells)))
      .map(({ label, cells }) => `${label}${count(w, c, cells)}件`)
      .join('、');

  const parts: string[] = [];
  const review = ['t4.review.total'];
  if (c.isZero(c.sum(review)) && c.isZero(c.sum(groupCells('review')))) {
    parts.push(w.fact('未发生因政府信息公开工作被申请行政复议的案件', [...groupCells('review'), ...review]));
  } else {
    const detail = outcomes(['review']);
    parts.push(`因政府信息公开工作被申请行政复议${count(w, c, review)}件${detail ? `，其中${detail}` : ''}`);
  }

  const suits = ['t4.suitDirect.total', 't4.suitAfterReview.total'];
  const suitCells = [...groupCells('suitDirect'), ...groupCells('suitAfterReview'), ...suits];
  if (suitCells.every((cell) => c.isZero(c.value(cell)))) {
    parts.push(w.fact('未发生因政府信息公开工作被提起行政诉讼的案件', suitCells));
  } else {
    const direct = c.value('t4.suitDirect.total');
    const after = c.value('t4.suitAfterReview.total');
    let kinds: string;
    if (!c.writeZeros && c.isZero(after)) kinds = `，${w.fact('均为未经复议直接起诉', ['t4.suitAfterReview.total'])}`;
    else if (!c.writeZeros && c.isZero(direct)) kinds = `，${w.fact('均为复议后起诉', ['t4.suitDirect.total'])}`;
    else kinds = `，其中未经复议直接起诉${count(w, c, ['t4.suitDirect.total'])}件、复议后起诉${count(w, c, ['t4.suitAfterReview.total'])}件`;
    const detail = outcomes(['suitDirect', 'suitAfterReview']);
    parts.push(`因政府信息公开工作被提起行政诉讼${count(w, c, suits)}件${kinds}${detail ? `；从诉讼结果看，${detail}` : ''}`);
  }
  return `${open}${parts.join('。')}。`;
}

// ---- 六、其他需要报告的事项 (format 2021) -----------------------------------------------------

/**
 * The 信息处理费 sentence. The tables hold no 信息处理费 figure (t2's 行政事业性收费 is another
 * thing), so the text only says none was collected, or states an amount, when the user has
 * confirmed it; otherwise it leaves the choice to the user, marked 【】.
 */
function processingFee(w: SectionWriter, c: Context): string {
  const open = opening(w, c);
  const confirmed = c.input.options?.processingFee;
  if (confirmed === undefined) return `${open}【未收取信息处理费／收取信息处理费××元，请据实选用】。`;
  const amount = Decimal.parse(confirmed.trim());
  if (!amount || amount.isNegative()) throw new RangeError(`processingFee must be a non-negative amount in 元, not ${confirmed}`);
  if (amount.isZero()) return `${open}未收取信息处理费。`;
  return `${open}收取信息处理费${w.num(amount, { kind: 'user', option: 'processingFee' })}元。`;
}
