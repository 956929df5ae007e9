/**
 * The person at the keyboard: edits that apply at once (no request, no sync) and fire
 * onChanged with triggerSource `Unknown`, the way Excel reports edits that are not the add-in's.
 * Addresses are A1 text; row numbers are 1-based as the user sees them.
 */
import { formatRect, lettersToCol } from './address';
import { FakeExcelMisuse, FakeExcelUnsupported } from './errors';
import type { FakeExcelHost } from './host';
import { satisfies } from './range';
import { normaliseColor, parseInput, type CellValue, type ChangeRecord, type SheetState } from './state';

export interface UserEditOptions {
  /** A paste from outside carries no rule: drop the data validation of the pasted-over cells. */
  dropValidation?: boolean;
}

export class FakeUser {
  constructor(private readonly host: FakeExcelHost) {}

  private sheet(name: string): SheetState {
    return this.host.state.sheet(name);
  }

  private emit(change: ChangeRecord | null): void {
    if (change) this.host.dispatch([change], 'Unknown');
  }

  private column(at: string | number): number {
    const col = typeof at === 'number' ? at - 1 : lettersToCol(at);
    if (!Number.isInteger(col) || col < 0) throw new FakeExcelMisuse(`not a column: ${String(at)}`);
    return col;
  }

  private row(at: number): number {
    if (!Number.isInteger(at) || at < 1) throw new FakeExcelMisuse(`rows are numbered from 1 (got ${at})`);
    return at - 1;
  }

  /** Copy a sheet the way a person does (right-click → 移动或复制 → 建立副本); returns the copy's name. See `WorkbookState.copySheet`. */
  copySheet(sheetName: string, newName?: string): string {
    return this.host.state.copySheet(this.sheet(sheetName), newName, 'user.copySheet').name;
  }

  /**
   * Type or paste a block of values (or a single value) at `address`: one onChanged event for the
   * whole block. Strings are read as typed (`=…` a formula, `'…` text, numbers as numbers). Data
   * validation is not applied (a paste bypasses it); use `type` for a single validated entry.
   */
  setValues(sheetName: string, address: string, values: unknown, options: UserEditOptions = {}): void {
    const s = this.sheet(sheetName);
    const r = s.rectOf(address);
    const details = s.writeContents(r, values, 'user.setValues');
    if (options.dropValidation) s.setValidation(r, 'user.setValues', () => null);
    this.emit({ sheetId: s.id, address: formatRect(r), changeType: 'RangeEdited', ...(details ? { details } : {}) });
  }

  /** Same as `setValues`: typed text starting with `=` is a formula either way. */
  setFormulas(sheetName: string, address: string, formulas: unknown): void {
    this.setValues(sheetName, address, formulas);
  }

  /**
   * Type one value into one cell and press Enter. A data-validation rule with a Stop alert
   * rejects an invalid entry (returns false; nothing changes, no event), as Excel's dialog does.
   */
  type(sheetName: string, address: string, value: CellValue): boolean {
    const s = this.sheet(sheetName);
    const r = s.rectOf(address);
    if (r.r0 !== r.r1 || r.c0 !== r.c1) throw new FakeExcelMisuse('user.type enters one cell; use setValues for a block');
    const cell = s.peek(r.r0, r.c0);
    const v = cell?.validation ?? null;
    if (v?.rule && v.errorAlert.showAlert && v.errorAlert.style === 'Stop') {
      const entered = parseInput(value, cell?.numberFormat ?? 'General', 'user.type');
      if (entered.formula !== null) throw new FakeExcelUnsupported('validating a typed formula (there is no formula engine)');
      if (!satisfies(v, entered.value, 'user.type')) return false;
    }
    this.setValues(sheetName, address, value);
    return true;
  }

  /** The Delete key: contents go, formats stay. */
  clear(sheetName: string, address: string): void {
    const s = this.sheet(sheetName);
    const r = s.rectOf(address);
    s.clear(r, 'Contents', 'user.clear');
    this.emit({ sheetId: s.id, address: formatRect(r), changeType: 'RangeEdited' });
  }

  /** Insert `count` rows above row `at` (1-based), as right-click › Insert on row headers does. */
  insertRows(sheetName: string, at: number, count = 1): void {
    const s = this.sheet(sheetName);
    this.emit(this.host.state.insertBand(s, 'row', this.row(at), count, 'user.insertRows'));
  }

  /** Delete rows `at … at+count-1` (1-based). */
  deleteRows(sheetName: string, at: number, count = 1): void {
    const s = this.sheet(sheetName);
    this.emit(this.host.state.deleteBand(s, 'row', this.row(at), count, 'user.deleteRows'));
  }

  /** Insert `count` columns before column `at` (a letter, or a 1-based number). */
  insertColumns(sheetName: string, at: string | number, count = 1): void {
    const s = this.sheet(sheetName);
    this.emit(this.host.state.insertBand(s, 'col', this.column(at), count, 'user.insertColumns'));
  }

  deleteColumns(sheetName: string, at: string | number, count = 1): void {
    const s = this.sheet(sheetName);
    this.emit(this.host.state.deleteBand(s, 'col', this.column(at), count, 'user.deleteColumns'));
  }

  /** Rename a sheet; formulas, rules and names follow. No onChanged event (Excel raises none). */
  renameSheet(from: string, to: string): void {
    this.host.state.renameSheet(this.sheet(from), to, 'user.renameSheet');
  }

  addSheet(name?: string): SheetState {
    return this.host.state.addSheet(name, 'user.addSheet');
  }

  deleteSheet(name: string): void {
    this.host.state.deleteSheet(this.sheet(name), 'user.deleteSheet');
  }

  /** Click a sheet tab: fires worksheets.onActivated when it was not the active sheet. */
  activate(sheetName: string): void {
    const s = this.sheet(sheetName);
    if (this.host.state.activeSheetId !== s.id) this.host.dispatchActivated(s.id);
    this.host.state.activeSheetId = s.id;
    this.host.state.selection = { sheetId: s.id, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
  }

  select(sheetName: string, address: string): void {
    const s = this.sheet(sheetName);
    if (this.host.state.activeSheetId !== s.id) this.host.dispatchActivated(s.id);
    this.host.state.activeSheetId = s.id;
    this.host.state.selection = { sheetId: s.id, rect: s.rectOf(address) };
  }

  setNumberFormat(sheetName: string, address: string, format: string): void {
    const s = this.sheet(sheetName);
    s.writeNumberFormat(s.rectOf(address), format, 'user.setNumberFormat');
  }

  /** Fill colour (`null` for no fill). Format changes fire no onChanged event. */
  setFill(sheetName: string, address: string, color: string | null): void {
    const s = this.sheet(sheetName);
    const fill = color === null ? null : normaliseColor(color, 'user.setFill');
    s.updateFormat(s.rectOf(address), 'user.setFill', (f) => ({ ...f, fill }));
  }

  setBold(sheetName: string, address: string, bold: boolean): void {
    const s = this.sheet(sheetName);
    s.updateFormat(s.rectOf(address), 'user.setBold', (f) => ({ ...f, bold }));
  }

  merge(sheetName: string, address: string, across = false): void {
    const s = this.sheet(sheetName);
    s.merge(s.rectOf(address), across, 'user.merge');
  }

  unmerge(sheetName: string, address: string): void {
    const s = this.sheet(sheetName);
    s.unmerge(s.rectOf(address));
  }

  /** Start editing a cell (F2): add-in requests without delayForCellEdit now fail. */
  startCellEdit(): void {
    this.host.setCellEditMode(true);
  }

  /** Press Enter: waiting delayForCellEdit requests go ahead. */
  endCellEdit(): void {
    this.host.setCellEditMode(false);
  }
}
