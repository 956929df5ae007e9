/**
 * Recalculation for the preview's in-memory workbook (the Excel fake, which has no formula
 * engine): computes every formula cell with the evaluator in formula.ts and stores the results
 * in the fake (`setFormulaResults`), so the task pane reads what Excel would show; and works out
 * which cells the sheet's conditional formats would paint.
 */
import type { CellValue, SheetState, WorkbookState } from '../fake-excel';
import { MAX_COLS, type Rect } from '../fake-excel/address';
import { a1 } from '../core/template/a1';
import { evaluate, FormulaSyntaxError, isError, isTruthy, parseFormula, type Reference, type Sheetish, type Value } from './formula';

const key = (row: number, col: number): number => row * MAX_COLS + col;

/** Stored form of a result: errors as Excel reads them back (`#VALUE!`), 15 significant digits. */
function stored(v: Value): CellValue {
  if (isError(v)) return v.error;
  if (v === null) return 0;
  if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(15)) : '#NUM!';
  return v;
}

export class Calculator {
  /** Values of formula cells computed since the last `recalculate()`. */
  private results = new Map<SheetState, Map<number, Value>>();
  private computing = new Set<string>();

  constructor(private readonly book: WorkbookState) {}

  /** Computes every formula of every sheet and stores the results in the fake. Returns how many. */
  recalculate(): number {
    this.results = new Map();
    this.computing.clear();
    let count = 0;
    for (const sheet of this.book.sheets) {
      const formulas: [number, number][] = [];
      for (const [k, cell] of sheet.cells) if (cell.formula !== null) formulas.push([Math.floor(k / MAX_COLS), k % MAX_COLS]);
      for (const [row, col] of formulas) {
        const result = stored(this.valueAt(sheet, row, col));
        if (sheet.peek(row, col)?.value !== result) sheet.setFormulaResults(a1(row, col), result);
        count += 1;
      }
    }
    return count;
  }

  /** A cell's value, formulas evaluated (once per recalculation). */
  valueAt(sheet: SheetState, row: number, col: number): Value {
    const cell = sheet.peek(row, col);
    if (!cell) return null;
    if (cell.formula === null) return cell.value;
    let memo = this.results.get(sheet);
    if (!memo) this.results.set(sheet, (memo = new Map()));
    const k = key(row, col);
    const known = memo.get(k);
    if (known !== undefined) return known;
    const id = `${sheet.id}:${k}`;
    // A circular reference: Excel shows 0 (and warns).
    if (this.computing.has(id)) return 0;
    this.computing.add(id);
    let result: Value;
    try {
      result = evaluate(parseFormula(cell.formula), this.scope(sheet));
    } catch (error) {
      if (!(error instanceof FormulaSyntaxError)) throw error;
      result = { error: '#NAME?' };
    } finally {
      this.computing.delete(id);
    }
    memo.set(k, result);
    return result;
  }

  /** What formulas on `home` see: other sheets by name, defined names, blanks. */
  private scope(home: SheetState): Sheetish {
    const sheetOf = (name: string | null): SheetState | undefined => (name === null ? home : this.book.sheetByName(name));
    return {
      value: (name, row, col) => {
        const sheet = sheetOf(name);
        return sheet ? this.valueAt(sheet, row, col) : { error: '#REF!' };
      },
      isBlank: (name, row, col) => {
        const cell = sheetOf(name)?.peek(row, col);
        return !cell || (cell.value === null && cell.formula === null);
      },
      name: (name, sheetName): Reference | null => {
        const target = sheetName === null ? home : this.book.sheetByName(sheetName);
        if (!target) return null;
        const found = this.book.resolveReference(name, target);
        if (!found) return null;
        const { r0, c0, r1, c1 } = found.rect;
        return { sheet: found.sheet.name, r0, c0, r1, c1 };
      },
    };
  }

  /**
   * The fill each cell of `area` gets from the sheet's conditional formats (custom formula rules,
   * highest priority first), keyed by `row * MAX_COLS + col`. Rule formulas are relative to the
   * top-left cell of the rule's first range, as in Excel; a rule whose formula errs applies nowhere.
   */
  fills(sheet: SheetState, area: Rect): Map<number, string> {
    const out = new Map<number, string>();
    const scope = this.scope(sheet);
    for (const cf of sheet.conditionalFormats) {
      const fill = cf.format.fill;
      if (cf.type !== 'Custom' || !cf.rule.formula || !fill || cf.ranges.length === 0) continue;
      let node;
      try {
        node = parseFormula(cf.rule.formula);
      } catch (error) {
        if (error instanceof FormulaSyntaxError) continue;
        throw error;
      }
      const origin = cf.ranges[0];
      for (const range of cf.ranges) {
        const r0 = Math.max(range.r0, area.r0);
        const r1 = Math.min(range.r1, area.r1);
        const c0 = Math.max(range.c0, area.c0);
        const c1 = Math.min(range.c1, area.c1);
        for (let row = r0; row <= r1; row++) {
          for (let col = c0; col <= c1; col++) {
            const k = key(row, col);
            if (out.has(k)) continue;
            if (isTruthy(evaluate(node, scope, { offset: { rows: row - origin.r0, cols: col - origin.c0 } }))) out.set(k, fill);
          }
        }
      }
    }
    return out;
  }
}

export { key as cellKey };
