/**
 * A small spreadsheet-formula evaluator for the preview page, which runs the task pane on the
 * in-memory Excel fake (the fake has no formula engine). It covers the formulas the add-in itself
 * writes — totals `=SUM(D8,E8,…)`, check cells `=(N(D8)+N(E8))-(N(F9)+…)` and `=MAX(0,(…)-(…))`,
 * conditional formats `=AND(N("nianbao")=0,$R$12<>0)` and the cell-level rules with OR, NOT,
 * ISBLANK, ISNUMBER and comparisons — plus what a person may type in the same vein: numbers,
 * strings, TRUE/FALSE, cell and range references (`$` or not, optionally sheet-qualified),
 * defined names, + - * /, comparisons, and SUM N MAX MIN AND OR NOT ISBLANK ISNUMBER.
 * Anything else evaluates to `#NAME?` or `#VALUE!`, as in Excel. The text is parsed by hand into a
 * tree and walked: there is no eval and no Function constructor.
 */
import { columnIndex } from '../core/template/a1';

/** A cell's content as the evaluator sees it: `null` is an empty cell. */
export type Scalar = number | string | boolean | null;

export interface FormulaError {
  error: string;
}

export type Value = Scalar | FormulaError;

export const isError = (v: unknown): v is FormulaError => typeof v === 'object' && v !== null && 'error' in v;

const VALUE: FormulaError = { error: '#VALUE!' };
const NAME: FormulaError = { error: '#NAME?' };
const DIV0: FormulaError = { error: '#DIV/0!' };
const REF_ERROR: FormulaError = { error: '#REF!' };

/** A rectangle of cells, zero-based, on a named sheet (null: the formula's own sheet). */
export interface Reference {
  sheet: string | null;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export type Node =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; value: string }
  | { kind: 'ref'; sheet: string | null; r0: number; c0: number; r1: number; c1: number; absRow: [boolean, boolean]; absCol: [boolean, boolean] }
  | { kind: 'name'; name: string; sheet: string | null }
  | { kind: 'unary'; op: '-' | '+'; arg: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node }
  | { kind: 'call'; name: string; args: Node[] };

export class FormulaSyntaxError extends Error {}

// ---- tokens ----

type Token =
  | { t: 'number'; v: number }
  | { t: 'string'; v: string }
  | { t: 'error'; v: string }
  | { t: 'word'; v: string; sheet: string | null }
  | { t: 'op'; v: string }
  | { t: '(' | ')' | ',' | 'end' };

const ERROR_LITERAL = /^#(?:REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NUM!|NULL!)/i;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const WORD = /^[\p{L}_\\$][\p{L}\p{N}_.$\\?]*(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?/u;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i += 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= text.length) throw new FormulaSyntaxError('unterminated string');
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j += 1;
      }
      out.push({ t: 'string', v: value });
      i = j + 1;
      continue;
    }
    if (ch === '#') {
      const m = ERROR_LITERAL.exec(text.slice(i));
      if (!m) throw new FormulaSyntaxError(`unknown error literal at ${i}`);
      out.push({ t: 'error', v: m[0].toUpperCase() });
      i += m[0].length;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      out.push({ t: ch });
      i += 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '<>' || two === '<=' || two === '>=') {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('+-*/=<>'.includes(ch)) {
      out.push({ t: 'op', v: ch });
      i += 1;
      continue;
    }
    const number = NUMBER.exec(text.slice(i));
    if (number && /\d/.test(ch + (text[i + 1] ?? ''))) {
      out.push({ t: 'number', v: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    // A sheet prefix: 'Sheet 1'!A1 or Sheet1!A1.
    let sheet: string | null = null;
    if (ch === "'") {
      let j = i + 1;
      let name = '';
      for (;;) {
        if (j >= text.length) throw new FormulaSyntaxError('unterminated sheet name');
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += text[j];
        j += 1;
      }
      if (text[j + 1] !== '!') throw new FormulaSyntaxError('a quoted name must be a sheet prefix');
      sheet = name;
      i = j + 2;
    }
    const word = WORD.exec(text.slice(i));
    if (!word) throw new FormulaSyntaxError(`unexpected "${text[i] ?? ''}" at ${i}`);
    i += word[0].length;
    if (sheet === null && text[i] === '!') {
      sheet = word[0];
      i += 1;
      const next = WORD.exec(text.slice(i));
      if (!next) {
        const err = ERROR_LITERAL.exec(text.slice(i));
        if (!err) throw new FormulaSyntaxError('a sheet prefix needs a reference');
        out.push({ t: 'error', v: err[0].toUpperCase() });
        i += err[0].length;
        continue;
      }
      out.push({ t: 'word', v: next[0], sheet });
      i += next[0].length;
      continue;
    }
    out.push({ t: 'word', v: word[0], sheet });
  }
  out.push({ t: 'end' });
  return out;
}

// ---- parser ----

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/;

function refNode(text: string, sheet: string | null): Node | null {
  const [a, b = a] = text.split(':');
  const ma = CELL.exec(a);
  const mb = CELL.exec(b);
  if (!ma || !mb) return null;
  const ca = columnIndex(ma[2]);
  const cb = columnIndex(mb[2]);
  if (ca > 16383 || cb > 16383) return null;
  const ra = Number(ma[4]) - 1;
  const rb = Number(mb[4]) - 1;
  return { kind: 'ref', sheet, r0: ra, c0: ca, r1: rb, c1: cb, absRow: [ma[3] === '$', mb[3] === '$'], absCol: [ma[1] === '$', mb[1] === '$'] };
}

const COMPARISONS = new Set(['=', '<>', '<', '>', '<=', '>=']);

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.at];
  }

  private next(): Token {
    return this.tokens[this.at++];
  }

  parse(): Node {
    const node = this.comparison();
    if (this.peek().t !== 'end') throw new FormulaSyntaxError('unexpected text after the formula');
    return node;
  }

  private comparison(): Node {
    let left = this.additive();
    for (let tok = this.peek(); tok.t === 'op' && COMPARISONS.has(tok.v); tok = this.peek()) {
      this.next();
      left = { kind: 'binary', op: tok.v, left, right: this.additive() };
    }
    return left;
  }

  private additive(): Node {
    let left = this.multiplicative();
    for (let tok = this.peek(); tok.t === 'op' && (tok.v === '+' || tok.v === '-'); tok = this.peek()) {
      this.next();
      left = { kind: 'binary', op: tok.v, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Node {
    let left = this.unary();
    for (let tok = this.peek(); tok.t === 'op' && (tok.v === '*' || tok.v === '/'); tok = this.peek()) {
      this.next();
      left = { kind: 'binary', op: tok.v, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    const tok = this.peek();
    if (tok.t === 'op' && (tok.v === '-' || tok.v === '+')) {
      this.next();
      return { kind: 'unary', op: tok.v, arg: this.unary() };
    }
    return this.primary();
  }

  private primary(): Node {
    const tok = this.next();
    switch (tok.t) {
      case 'number':
        return { kind: 'number', value: tok.v };
      case 'string':
        return { kind: 'string', value: tok.v };
      case 'error':
        return { kind: 'error', value: tok.v };
      case '(': {
        const inner = this.comparison();
        if (this.next().t !== ')') throw new FormulaSyntaxError('missing )');
        return inner;
      }
      case 'word': {
        if (this.peek().t === '(' && tok.sheet === null) {
          this.next();
          const args: Node[] = [];
          if (this.peek().t !== ')') {
            for (;;) {
              args.push(this.comparison());
              const sep = this.next();
              if (sep.t === ')') break;
              if (sep.t !== ',') throw new FormulaSyntaxError('expected , or )');
            }
          } else this.next();
          return { kind: 'call', name: tok.v.toUpperCase(), args };
        }
        const ref = refNode(tok.v, tok.sheet);
        if (ref) return ref;
        if (tok.sheet === null && /^(TRUE|FALSE)$/i.test(tok.v)) return { kind: 'boolean', value: tok.v.toUpperCase() === 'TRUE' };
        return { kind: 'name', name: tok.v, sheet: tok.sheet };
      }
      default:
        throw new FormulaSyntaxError('expected a value');
    }
  }
}

const parsed = new Map<string, Node | FormulaSyntaxError>();

/** The tree of a formula (`=` optional), cached by text; throws FormulaSyntaxError. */
export function parseFormula(text: string): Node {
  let node = parsed.get(text);
  if (node === undefined) {
    try {
      node = new Parser(tokenize(text.startsWith('=') ? text.slice(1) : text)).parse();
    } catch (error) {
      if (!(error instanceof FormulaSyntaxError)) throw error;
      node = error;
    }
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(text, node);
  }
  if (node instanceof FormulaSyntaxError) throw node;
  return node;
}

// ---- evaluation ----

export interface Sheetish {
  /** The evaluated content of a cell (formulas computed), `null` when empty. */
  value(sheet: string | null, row: number, col: number): Value;
  /** True when the cell holds nothing (a formula cell is never blank). */
  isBlank(sheet: string | null, row: number, col: number): boolean;
  /** A defined name's target, or null. */
  name(name: string, sheet: string | null): Reference | null;
}

export interface EvalOptions {
  /** Relative references move by this much (a conditional format evaluated for another cell). */
  offset?: { rows: number; cols: number };
}

/** Evaluates a formula tree to one value. */
export function evaluate(node: Node, book: Sheetish, options: EvalOptions = {}): Value {
  return new Evaluator(book, options.offset ?? { rows: 0, cols: 0 }).scalar(node);
}

/** Excel's number of a cell value in arithmetic: blanks are 0, TRUE 1, numeric text its number. */
function toNumber(v: Value): number | FormulaError {
  if (isError(v)) return v;
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim();
  return t !== '' && /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t) ? Number(t) : VALUE;
}

function toBoolean(v: Value): boolean | FormulaError {
  if (isError(v)) return v;
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  return VALUE;
}

/** Excel drops the noise of a subtraction that should be zero (0.3-0.2-0.1 is 0 in a cell). */
function snap(result: number, a: number, b: number): number {
  return result !== 0 && Math.abs(result) < Math.max(Math.abs(a), Math.abs(b)) * 1e-15 ? 0 : result;
}

/** The order Excel compares mixed types in: numbers < text < booleans. */
function rank(v: Scalar): number {
  return typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2;
}

function compare(a: Scalar, b: Scalar): number {
  // An empty cell compares as 0, "" or FALSE, whichever the other side is.
  const x = a === null ? (typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0) : a;
  const y = b === null ? (typeof x === 'string' ? '' : typeof x === 'boolean' ? false : 0) : b;
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === 'string' && typeof y === 'string') {
    const p = x.toLowerCase();
    const q = y.toLowerCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  const p = Number(x);
  const q = Number(y);
  return p < q ? -1 : p > q ? 1 : 0;
}

type RefNode = Extract<Node, { kind: 'ref' }>;

class Evaluator {
  constructor(
    private readonly book: Sheetish,
    private readonly offset: { rows: number; cols: number },
  ) {}

  /** The rectangle a reference node means here (relative parts moved by the offset). */
  private resolve(node: RefNode | Extract<Node, { kind: 'name' }>): Reference | FormulaError {
    if (node.kind === 'name') return this.book.name(node.name, node.sheet) ?? NAME;
    const { rows, cols } = this.offset;
    const r0 = node.r0 + (node.absRow[0] ? 0 : rows);
    const r1 = node.r1 + (node.absRow[1] ? 0 : rows);
    const c0 = node.c0 + (node.absCol[0] ? 0 : cols);
    const c1 = node.c1 + (node.absCol[1] ? 0 : cols);
    if (Math.min(r0, r1, c0, c1) < 0) return REF_ERROR;
    return { sheet: node.sheet, r0: Math.min(r0, r1), c0: Math.min(c0, c1), r1: Math.max(r0, r1), c1: Math.max(c0, c1) };
  }

  private reference(node: Node): Reference | FormulaError | undefined {
    return node.kind === 'ref' || node.kind === 'name' ? this.resolve(node) : undefined;
  }

  /** The value of every cell of a reference, row by row. */
  private *cells(ref: Reference): Generator<Value> {
    for (let r = ref.r0; r <= ref.r1; r++) for (let c = ref.c0; c <= ref.c1; c++) yield this.book.value(ref.sheet, r, c);
  }

  scalar(node: Node): Value {
    switch (node.kind) {
      case 'number':
      case 'string':
      case 'boolean':
        return node.value;
      case 'error':
        return { error: node.value };
      case 'ref':
      case 'name': {
        const ref = this.resolve(node);
        if (isError(ref)) return ref;
        // A range where one value is wanted: Excel's implicit intersection is not modelled.
        if (ref.r0 !== ref.r1 || ref.c0 !== ref.c1) return VALUE;
        return this.book.value(ref.sheet, ref.r0, ref.c0);
      }
      case 'unary': {
        const n = toNumber(this.scalar(node.arg));
        return isError(n) ? n : node.op === '-' ? -n : n;
      }
      case 'binary':
        return this.binary(node.op, node.left, node.right);
      case 'call':
        return this.call(node.name, node.args);
    }
  }

  private binary(op: string, leftNode: Node, rightNode: Node): Value {
    const left = this.scalar(leftNode);
    if (isError(left)) return left;
    const right = this.scalar(rightNode);
    if (isError(right)) return right;
    if (COMPARISONS.has(op)) {
      const c = compare(left, right);
      return op === '=' ? c === 0 : op === '<>' ? c !== 0 : op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
    }
    const a = toNumber(left);
    if (isError(a)) return a;
    const b = toNumber(right);
    if (isError(b)) return b;
    switch (op) {
      case '+':
        return snap(a + b, a, b);
      case '-':
        return snap(a - b, a, b);
      case '*':
        return a * b;
      default:
        return b === 0 ? DIV0 : a / b;
    }
  }

  /** The numbers SUM, MAX and MIN take: from references only numbers; typed arguments coerced. */
  private numbers(args: Node[]): number[] | FormulaError {
    const out: number[] = [];
    for (const arg of args) {
      const ref = this.reference(arg);
      if (ref !== undefined) {
        if (isError(ref)) return ref;
        for (const v of this.cells(ref)) {
          if (isError(v)) return v;
          if (typeof v === 'number') out.push(v);
        }
        continue;
      }
      const n = toNumber(this.scalar(arg));
      if (isError(n)) return n;
      out.push(n);
    }
    return out;
  }

  /** The truth values AND and OR take: from references booleans and numbers, text and blanks skipped. */
  private truths(args: Node[]): boolean[] | FormulaError {
    const out: boolean[] = [];
    for (const arg of args) {
      const ref = this.reference(arg);
      if (ref !== undefined) {
        if (isError(ref)) return ref;
        for (const v of this.cells(ref)) {
          if (isError(v)) return v;
          if (typeof v === 'number' || typeof v === 'boolean') out.push(typeof v === 'number' ? v !== 0 : v);
        }
        continue;
      }
      const b = toBoolean(this.scalar(arg));
      if (isError(b)) return b;
      out.push(b);
    }
    return out;
  }

  private call(name: string, args: Node[]): Value {
    const one = (): Node | undefined => (args.length === 1 ? args[0] : undefined);
    switch (name) {
      case 'SUM': {
        const ns = this.numbers(args);
        if (isError(ns)) return ns;
        let total = 0;
        for (const n of ns) total = snap(total + n, total, n);
        return total;
      }
      case 'MAX':
      case 'MIN': {
        const ns = this.numbers(args);
        if (isError(ns)) return ns;
        return ns.length === 0 ? 0 : name === 'MAX' ? Math.max(...ns) : Math.min(...ns);
      }
      case 'N': {
        const arg = one();
        if (!arg) return VALUE;
        const v = this.scalar(arg);
        return isError(v) ? v : typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : 0;
      }
      case 'AND':
      case 'OR': {
        if (args.length === 0) return VALUE;
        const bs = this.truths(args);
        if (isError(bs)) return bs;
        if (bs.length === 0) return VALUE;
        return name === 'AND' ? bs.every(Boolean) : bs.some(Boolean);
      }
      case 'NOT': {
        const arg = one();
        if (!arg) return VALUE;
        const b = toBoolean(this.scalar(arg));
        return isError(b) ? b : !b;
      }
      case 'ISBLANK': {
        const arg = one();
        if (!arg) return VALUE;
        const ref = this.reference(arg);
        if (ref === undefined || isError(ref)) return false;
        return this.book.isBlank(ref.sheet, ref.r0, ref.c0);
      }
      case 'ISNUMBER': {
        const arg = one();
        if (!arg) return VALUE;
        return typeof this.scalar(arg) === 'number';
      }
      default:
        return NAME;
    }
  }
}

/** Whether a conditional format's result applies its format: TRUE or a non-zero number. */
export function isTruthy(v: Value): boolean {
  return v === true || (typeof v === 'number' && v !== 0);
}
