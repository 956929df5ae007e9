/**
 * Proxies above the range: Workbook, WorksheetCollection, Worksheet, names, worksheet custom
 * properties, change-event registration and freeze panes.
 */
import { MAX_COLS, MAX_ROWS, parseA1, qualify, rect, splitSheet, type Rect } from './address';
import { FakeClientObject, FakeCollection, type Execution, type ProxyLike } from './base';
import type { FakeRequestContext } from './context';
import { ErrorCodes, FakeExcelUnsupported, FakeOfficeError, invalidArgument } from './errors';
import type { FakeEventKind, WorksheetActivatedHandler, WorksheetChangedHandler } from './host';
import { FakeRange, type RangeTarget } from './range';
import { singleReference } from './references';
import type { NameState, SheetState, WorkbookState } from './state';

const FULL_SHEET: Rect = { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 };

export class FakeWorkbook extends FakeClientObject<WorkbookState> {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;

  constructor(context: FakeRequestContext) {
    super(context, 'Workbook');
    this.worksheets = new FakeWorksheetCollection(context);
    this.names = new FakeNamedItemCollection(context, () => null);
  }

  _resolve(ex: Execution): WorkbookState {
    return ex.state;
  }

  protected _scalars() {
    return { name: () => this.context._host.workbookName };
  }

  protected _navigations(): Record<string, ProxyLike> {
    return { worksheets: this.worksheets, names: this.names };
  }

  get name(): string {
    return this._get('name');
  }

  /** The selected range (the active sheet's A1 when nothing was selected). */
  getSelectedRange(): FakeRange {
    return new FakeRange(this.context, (ex) => selection(ex.state));
  }

  getActiveCell(): FakeRange {
    return new FakeRange(this.context, (ex) => {
      ex.requireApi('1.7', 'Workbook.getActiveCell');
      const s = selection(ex.state);
      return { sheet: s.sheet, rect: rect(s.rect.r0, s.rect.c0) };
    });
  }
}

function selection(state: WorkbookState): RangeTarget {
  const sel = state.selection;
  const sheet = sel ? state.sheetById(sel.sheetId) : undefined;
  if (sel && sheet) return { sheet, rect: sel.rect };
  return { sheet: state.activeSheet(), rect: rect(0, 0) };
}

export class FakeWorksheetCollection extends FakeCollection<WorkbookState, FakeWorksheet> {
  readonly onChanged: FakeEventHandlers;
  /** ExcelApi 1.7: another sheet became active (by the user or through `activate()`). */
  readonly onActivated: FakeEventHandlers<WorksheetActivatedHandler>;

  constructor(context: FakeRequestContext) {
    super(context, 'WorksheetCollection');
    this.onChanged = new FakeEventHandlers(context, 'WorksheetCollection.onChanged', '1.9', () => 'workbook');
    this.onActivated = new FakeEventHandlers<WorksheetActivatedHandler>(context, 'WorksheetCollection.onActivated', '1.7', () => 'workbook', 'activated');
  }

  _resolve(ex: Execution): WorkbookState {
    return ex.state;
  }

  protected _enumerate(state: WorkbookState): FakeWorksheet[] {
    return state.sheets.map((s) => FakeWorksheet.byId(this.context, s.id));
  }

  protected _prototypeItem(): FakeWorksheet {
    return FakeWorksheet.byId(this.context, '');
  }

  /** Queue adding a sheet (named `SheetN` when no name is given); the proxy points at it. */
  add(name?: string): FakeWorksheet {
    let createdId: string | null = null;
    this.context._enqueue('WorksheetCollection.add()', (ex) => {
      createdId = ex.state.addSheet(name, 'WorksheetCollection.add').id;
    });
    return new FakeWorksheet(this.context, (ex) => (createdId ? (ex.state.sheetById(createdId) ?? null) : null));
  }

  /** By name (case-insensitive) or id; ItemNotFound at sync when there is none. */
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, (ex) => ex.state.findSheet(key) ?? null);
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(
      this.context,
      (ex) => {
        ex.requireApi('1.4', 'WorksheetCollection.getItemOrNullObject');
        return ex.state.findSheet(key) ?? null;
      },
      { nullable: true },
    );
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, (ex) => ex.state.activeSheet());
  }

  getFirst(): FakeWorksheet {
    return new FakeWorksheet(this.context, (ex) => ex.state.sheets[0] ?? null);
  }

  getLast(): FakeWorksheet {
    return new FakeWorksheet(this.context, (ex) => ex.state.sheets[ex.state.sheets.length - 1] ?? null);
  }
}

/**
 * A worksheet proxy. It finds its sheet once (by name, id or position) and then holds on to
 * it by id, so renaming the sheet does not lose it — as Excel's object references behave.
 */
export class FakeWorksheet extends FakeClientObject<SheetState> {
  private _pinned: string | null = null;
  private _children: {
    customProperties?: FakeWorksheetCustomPropertyCollection;
    names?: FakeNamedItemCollection;
    onChanged?: FakeEventHandlers;
    freezePanes?: FakeWorksheetFreezePanes;
    pageLayout?: FakePageLayout;
  } = {};

  constructor(
    context: FakeRequestContext,
    private readonly _lookup: (ex: Execution) => SheetState | null,
    options: { nullable?: boolean } = {},
  ) {
    super(context, 'Worksheet', options);
  }

  static byId(context: FakeRequestContext, id: string): FakeWorksheet {
    return new FakeWorksheet(context, (ex) => ex.state.sheetById(id) ?? null);
  }

  _resolve(ex: Execution): SheetState | null {
    if (this._pinned !== null) {
      const s = ex.state.sheetById(this._pinned);
      if (!s) throw new FakeOfficeError(ErrorCodes.itemNotFound, 'The worksheet was deleted.', 'Worksheet');
      return s;
    }
    const s = this._lookup(ex);
    if (s) this._pinned = s.id;
    return s;
  }

  protected _scalars() {
    return {
      name: (s: SheetState) => s.name,
      id: (s: SheetState) => s.id,
      position: (s: SheetState) => s.position,
      visibility: (s: SheetState) => s.visibility,
    };
  }

  protected _navigations(): Record<string, ProxyLike> {
    return { customProperties: this.customProperties, names: this.names, freezePanes: this.freezePanes };
  }

  get name(): string {
    return this._get('name');
  }

  /** Renaming: formulas, rules and names that refer to the sheet follow, as in Excel. */
  set name(value: string) {
    this._set('name', value, (s, ex, where) => ex.state.renameSheet(s, value, where));
  }

  get id(): string {
    return this._get('id');
  }

  get position(): number {
    return this._get('position');
  }

  set position(value: number) {
    this._set('position', value, (s, ex, where) => ex.state.moveSheet(s, value, where));
  }

  get visibility(): string {
    return this._get('visibility');
  }

  set visibility(value: string) {
    this._set('visibility', value, (s, _ex, where) => {
      if (!['Visible', 'Hidden', 'VeryHidden'].includes(value)) throw invalidArgument(`${where}: "${value}"`, where);
      s.visibility = value;
    });
  }

  get customProperties(): FakeWorksheetCustomPropertyCollection {
    return (this._children.customProperties ??= new FakeWorksheetCustomPropertyCollection(this.context, this, this._nullable));
  }

  get names(): FakeNamedItemCollection {
    return (this._children.names ??= new FakeNamedItemCollection(this.context, (ex) => {
      ex.requireApi('1.4', 'Worksheet.names');
      return this._target(ex, 'Worksheet.names').id;
    }));
  }

  get onChanged(): FakeEventHandlers {
    return (this._children.onChanged ??= new FakeEventHandlers(
      this.context,
      'Worksheet.onChanged',
      '1.7',
      (ex) => this._target(ex, 'Worksheet.onChanged').id,
    ));
  }

  get pageLayout(): FakePageLayout {
    return (this._children.pageLayout ??= new FakePageLayout(this.context, this));
  }

  get freezePanes(): FakeWorksheetFreezePanes {
    return (this._children.freezePanes ??= new FakeWorksheetFreezePanes(this.context, this));
  }

  /** `A1`, `B2:D5`, `5:7`, `A:C`, `'Sheet 1'!B2` (this sheet only) or a defined name; no argument: the whole sheet. */
  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, (ex) => {
      const sheet = this._target(ex, 'Worksheet.getRange');
      if (address === undefined || address === '') return { sheet, rect: FULL_SHEET };
      const { sheet: named, local } = splitSheet(address);
      if (named !== null && named.toLowerCase() !== sheet.name.toLowerCase())
        throw invalidArgument(`Worksheet.getRange: "${address}" is on another sheet`, 'Worksheet.getRange');
      const r = parseA1(local);
      if (r) return { sheet, rect: r };
      const viaName = ex.state.resolveReference(local, sheet);
      if (viaName && viaName.sheet === sheet) return viaName;
      throw invalidArgument(`Worksheet.getRange: "${address}" is not an address or a name of a range on this sheet`, 'Worksheet.getRange');
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.context, (ex) => {
      ex.requireApi('1.7', 'Worksheet.getRangeByIndexes');
      const sheet = this._target(ex, 'Worksheet.getRangeByIndexes');
      const r = { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 };
      if (![startRow, startColumn, rowCount, columnCount].every(Number.isInteger) || rowCount < 1 || columnCount < 1 || !fits(r))
        throw invalidArgument('Worksheet.getRangeByIndexes: the range is outside the sheet', 'Worksheet.getRangeByIndexes');
      return { sheet, rect: r };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.context, (ex) => {
      const sheet = this._target(ex, 'Worksheet.getCell');
      const r = rect(row, column);
      if (!Number.isInteger(row) || !Number.isInteger(column) || !fits(r)) throw invalidArgument('Worksheet.getCell: outside the sheet', 'Worksheet.getCell');
      return { sheet, rect: r };
    });
  }

  /** The used range; A1 on an empty sheet, as Excel answers. */
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, (ex) => {
      const sheet = this._target(ex, 'Worksheet.getUsedRange');
      return { sheet, rect: sheet.usedRect(valuesOnly) ?? rect(0, 0) };
    });
  }

  /** The used range, or a null object on an empty sheet. */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.context,
      (ex) => {
        ex.requireApi('1.4', 'Worksheet.getUsedRangeOrNullObject');
        const sheet = this._target(ex, 'Worksheet.getUsedRangeOrNullObject');
        const used = sheet.usedRect(valuesOnly);
        return used ? { sheet, rect: used } : null;
      },
      { nullable: true },
    );
  }

  activate(): void {
    this._call('activate', (s, ex) => {
      if (ex.state.activeSheetId !== s.id) ex.host.dispatchActivated(s.id);
      ex.state.activeSheetId = s.id;
      if (ex.state.selection?.sheetId !== s.id) ex.state.selection = { sheetId: s.id, rect: rect(0, 0) };
    });
  }

  delete(): void {
    this._call('delete', (s, ex, where) => ex.state.deleteSheet(s, where));
  }
}

function fits(r: Rect): boolean {
  return r.r0 >= 0 && r.c0 >= 0 && r.r1 < MAX_ROWS && r.c1 < MAX_COLS && r.r0 <= r.r1 && r.c0 <= r.c1;
}

// ---- change events ----


/** `onChanged`, `onActivated`: `add(handler)` registers at the next sync; handlers outlive the Excel.run. */
export class FakeEventHandlers<Handler extends (args: never) => unknown = WorksheetChangedHandler> {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly where: string,
    private readonly version: string,
    private readonly scope: (ex: Execution) => string,
    private readonly event: FakeEventKind = 'changed',
  ) {}

  add(handler: Handler): FakeEventHandlerResult {
    const result = new FakeEventHandlerResult(this.context, this.where);
    this.context._enqueue(`${this.where}.add()`, (ex) => {
      ex.requireApi(this.version, this.where);
      const scope = this.scope(ex);
      result._register(scope, ex.host.addListener(scope, handler, this.event));
    });
    return result;
  }

  remove(handler: Handler): void {
    this.context._enqueue(`${this.where}.remove()`, (ex) => {
      ex.host.removeHandler(this.scope(ex), handler);
    });
  }
}

export class FakeEventHandlerResult {
  private _id: number | null = null;

  constructor(
    readonly context: FakeRequestContext,
    private readonly where: string,
  ) {}

  _register(_scope: string, id: number): void {
    this._id = id;
  }

  /** Queue removing the handler (takes effect at the sync of the context it is called through). */
  remove(): void {
    this.context._enqueue(`${this.where}.remove()`, (ex) => {
      if (this._id === null) throw invalidArgument(`${this.where}: the handler was never registered`, this.where);
      ex.host.removeListener(this._id);
    });
  }
}

// ---- worksheet custom properties (ExcelApi 1.12) ----

export class FakeWorksheetCustomPropertyCollection extends FakeCollection<SheetState, FakeWorksheetCustomProperty> {
  constructor(
    context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
    nullable: boolean,
  ) {
    super(context, 'WorksheetCustomPropertyCollection', { nullable });
  }

  _resolve(ex: Execution): SheetState | null {
    ex.requireApi('1.12', 'Worksheet.customProperties');
    return this.sheet._resolve(ex);
  }

  protected _enumerate(s: SheetState): FakeWorksheetCustomProperty[] {
    return s.customProperties.map((p) => new FakeWorksheetCustomProperty(this.context, this, p.key));
  }

  protected _prototypeItem(): FakeWorksheetCustomProperty {
    return new FakeWorksheetCustomProperty(this.context, this, '');
  }

  /** Add, or overwrite the value of an existing key (keys are case-insensitive). */
  add(key: string, value: string): FakeWorksheetCustomProperty {
    this._call('add', (s, _ex, where) => {
      if (typeof key !== 'string' || key.length === 0 || key.length > 255) throw invalidArgument(`${where}: keys have 1 to 255 characters`, where);
      if (typeof value !== 'string') throw invalidArgument(`${where}: the value must be a string`, where);
      const existing = s.customProperties.find((p) => p.key.toLowerCase() === key.toLowerCase());
      if (existing) existing.value = value;
      else s.customProperties.push({ key, value });
    });
    return new FakeWorksheetCustomProperty(this.context, this, key);
  }

  getItem(key: string): FakeWorksheetCustomProperty {
    return new FakeWorksheetCustomProperty(this.context, this, key);
  }

  getItemOrNullObject(key: string): FakeWorksheetCustomProperty {
    return new FakeWorksheetCustomProperty(this.context, this, key, { nullable: true });
  }
}

export class FakeWorksheetCustomProperty extends FakeClientObject<{ sheet: SheetState; key: string; value: string }> {
  constructor(
    context: FakeRequestContext,
    private readonly collection: FakeWorksheetCustomPropertyCollection,
    private readonly _key: string,
    options: { nullable?: boolean } = {},
  ) {
    super(context, 'WorksheetCustomProperty', options);
  }

  _resolve(ex: Execution) {
    const sheet = this.collection._resolve(ex);
    if (!sheet) return null;
    const p = sheet.customProperties.find((x) => x.key.toLowerCase() === this._key.toLowerCase());
    return p ? { sheet, key: p.key, value: p.value } : null;
  }

  protected _scalars() {
    return { key: (p: { key: string }) => p.key, value: (p: { value: string }) => p.value };
  }

  get key(): string {
    return this._get('key');
  }

  get value(): string {
    return this._get('value');
  }

  set value(v: string) {
    this._set('value', v, (p, _ex, where) => {
      if (typeof v !== 'string') throw invalidArgument(`${where}: the value must be a string`, where);
      const entry = p.sheet.customProperties.find((x) => x.key === p.key);
      if (entry) entry.value = v;
    });
  }

  delete(): void {
    this._call('delete', (p) => {
      p.sheet.customProperties = p.sheet.customProperties.filter((x) => x.key !== p.key);
    });
  }
}

// ---- names ----

/** Workbook-scoped (`workbook.names`) or worksheet-scoped (`worksheet.names`) named items. */
export class FakeNamedItemCollection extends FakeCollection<string | null, FakeNamedItem> {
  constructor(
    context: FakeRequestContext,
    private readonly scope: (ex: Execution) => string | null,
  ) {
    super(context, 'NamedItemCollection');
  }

  /** The scope: null for the workbook, a sheet id for a worksheet. */
  _resolve(ex: Execution): string | null {
    return this.scope(ex);
  }

  // The scope is null for the workbook, which is not "nothing": the base class's null-object
  // handling does not apply.
  protected _target(ex: Execution): string | null {
    return this.scope(ex);
  }

  _loadInto(ex: Execution, paths: string[]): void {
    const items = this._enumerate(this.scope(ex), ex);
    for (const item of items) item._loadInto(ex, this._itemPaths(paths));
    ex.commit(() => {
      this._props.set('items', items);
      this._null = false;
    });
  }

  protected _enumerate(scope: string | null, ex: Execution): FakeNamedItem[] {
    return ex.state.names.filter((n) => n.scopeSheetId === scope).map((n) => new FakeNamedItem(this.context, this, n.name));
  }

  protected _prototypeItem(): FakeNamedItem {
    return new FakeNamedItem(this.context, this, '');
  }

  /** `reference` is a Range proxy or a formula such as `=Sheet1!$B$2:$D$5`. */
  add(name: string, reference: FakeRange | string, comment = ''): FakeNamedItem {
    this.context._enqueue('NamedItemCollection.add()', (ex) => {
      const where = 'NamedItemCollection.add';
      ex.requireApi('1.4', where);
      const scope = this.scope(ex);
      let formula: string;
      if (reference instanceof FakeRange) {
        const t = reference._resolve(ex);
        if (!t) throw invalidArgument(`${where}: the range is a null object`, where);
        formula = `=${qualify(t.sheet.name, t.rect, true)}`;
      } else if (typeof reference === 'string') {
        formula = reference.startsWith('=') ? reference : `=${reference}`;
      } else {
        throw invalidArgument(`${where}: reference must be a Range or a formula string`, where);
      }
      ex.state.addName(name, formula, comment, scope, where);
    });
    return new FakeNamedItem(this.context, this, name);
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, this, name);
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, this, name, { nullable: true });
  }
}

type NameTarget = { state: WorkbookState; name: NameState };

export class FakeNamedItem extends FakeClientObject<NameTarget> {
  constructor(
    context: FakeRequestContext,
    private readonly collection: FakeNamedItemCollection,
    private readonly _name: string,
    options: { nullable?: boolean } = {},
  ) {
    super(context, 'NamedItem', options);
  }

  _resolve(ex: Execution): NameTarget | null {
    const scope = this.collection._resolve(ex);
    const n = ex.state.findName(this._name, scope);
    return n ? { state: ex.state, name: n } : null;
  }

  protected _scalars() {
    return {
      name: (t: NameTarget) => t.name.name,
      type: (t: NameTarget) => nameValue(t).type,
      value: (t: NameTarget) => nameValue(t).value,
      formula: (t: NameTarget) => t.name.formula,
      comment: (t: NameTarget) => t.name.comment,
      scope: (t: NameTarget) => (t.name.scopeSheetId ? 'Worksheet' : 'Workbook'),
      visible: (t: NameTarget) => t.name.visible,
    };
  }

  get name(): string {
    return this._get('name');
  }
  get type(): string {
    return this._get('type');
  }
  get value(): unknown {
    return this._get('value');
  }
  get formula(): string {
    return this._get('formula');
  }
  set formula(v: string) {
    this._set('formula', v, (t, ex, where) => {
      ex.requireApi('1.7', where);
      t.name.formula = v.startsWith('=') ? v : `=${v}`;
    });
  }
  get comment(): string {
    return this._get('comment');
  }
  set comment(v: string) {
    this._set('comment', v, (t) => {
      t.name.comment = v;
    });
  }
  get scope(): string {
    return this._get('scope');
  }
  get visible(): boolean {
    return this._get('visible');
  }
  set visible(v: boolean) {
    this._set('visible', v, (t) => {
      t.name.visible = v;
    });
  }

  /** The range the name refers to; InvalidReference at sync when it is not a range (or is #REF!). */
  getRange(): FakeRange {
    return new FakeRange(this.context, (ex) => {
      const t = this._target(ex, 'NamedItem.getRange');
      const target = t.state.nameTarget(t.name);
      if (!target) throw new FakeOfficeError(ErrorCodes.invalidReference, `NamedItem.getRange: ${t.name.name} does not refer to a range`, 'NamedItem.getRange');
      return target;
    });
  }

  getRangeOrNullObject(): FakeRange {
    return new FakeRange(
      this.context,
      (ex) => {
        const t = this._resolve(ex);
        return t ? t.state.nameTarget(t.name) : null;
      },
      { nullable: true },
    );
  }

  delete(): void {
    this._call('delete', (t) => {
      t.state.names = t.state.names.filter((n) => n !== t.name);
    });
  }
}

function nameValue(t: NameTarget): { type: string; value: unknown } {
  const { formula } = t.name;
  const body = formula.slice(1).trim();
  if (body.includes('#REF!')) return { type: 'Error', value: '#REF!' };
  if (singleReference(formula)) return t.state.nameTarget(t.name) ? { type: 'Range', value: body } : { type: 'Error', value: '#REF!' };
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return { type: 'Double', value: Number(body) };
  if (/^"([^"]|"")*"$/.test(body)) return { type: 'String', value: body.slice(1, -1).replace(/""/g, '"') };
  if (/^(TRUE|FALSE)$/i.test(body)) return { type: 'Boolean', value: body.toUpperCase() === 'TRUE' };
  throw new FakeExcelUnsupported(`the value of a name that holds a formula (${formula}): there is no formula engine`);
}

// ---- freeze panes (ExcelApi 1.7) ----

/** `worksheet.pageLayout` (1.9): only the print area is modelled. */
export class FakePageLayout extends FakeClientObject<SheetState> {
  constructor(
    context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
  ) {
    super(context, 'PageLayout');
  }

  _resolve(ex: Execution): SheetState | null {
    ex.requireApi('1.9', 'Worksheet.pageLayout');
    return this.sheet._resolve(ex);
  }

  protected _scalars() {
    return {};
  }

  setPrintArea(printArea: string): void {
    this._call('setPrintArea', (s) => {
      s.printArea = printArea;
    });
  }
}

export class FakeWorksheetFreezePanes extends FakeClientObject<SheetState> {
  constructor(
    context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
  ) {
    super(context, 'WorksheetFreezePanes');
  }

  _resolve(ex: Execution): SheetState | null {
    ex.requireApi('1.7', 'Worksheet.freezePanes');
    return this.sheet._resolve(ex);
  }

  protected _scalars() {
    return {};
  }

  freezeRows(count = 1): void {
    this._call('freezeRows', (s) => {
      s.frozenRows = count;
      s.frozenColumns = 0;
    });
  }

  freezeColumns(count = 1): void {
    this._call('freezeColumns', (s) => {
      s.frozenColumns = count;
      s.frozenRows = 0;
    });
  }

  unfreeze(): void {
    this._call('unfreeze', (s) => {
      s.frozenRows = 0;
      s.frozenColumns = 0;
    });
  }

  getLocationOrNullObject(): FakeRange {
    return new FakeRange(
      this.context,
      (ex) => {
        const s = this._target(ex, 'WorksheetFreezePanes.getLocationOrNullObject');
        if (s.frozenRows > 0) return { sheet: s, rect: { r0: 0, c0: 0, r1: s.frozenRows - 1, c1: MAX_COLS - 1 } };
        if (s.frozenColumns > 0) return { sheet: s, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: s.frozenColumns - 1 } };
        return null;
      },
      { nullable: true },
    );
  }
}
