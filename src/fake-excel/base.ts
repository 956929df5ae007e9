/**
 * The load/sync discipline of Office.js proxies, as office-addin-mock enforces it:
 *
 * - a property read from Excel must be `load()`ed and then `sync()`ed before it is read;
 *   otherwise the read throws PropertyNotLoaded (a load without a sync is not enough);
 * - `load()` and every write or method queue an operation; `sync()` sends the queue and Excel
 *   applies it in order, so a load queued after a write sees the write, one queued before it
 *   does not;
 * - loaded values arrive only when the whole sync succeeds;
 * - a setter also keeps the written value on the proxy (Office.js does the same), so reading a
 *   property you have just set returns what you set, not what Excel stored.
 */
import type { FakeRequestContext } from './context';
import { ErrorCodes, FakeExcelMisuse, FakeExcelUnsupported, FakeOfficeError, itemNotFound, propertyNotLoaded, valueNotLoaded } from './errors';
import type { FakeExcelHost } from './host';
import type { ChangeRecord, WorkbookState } from './state';

/** One sync's execution: what the operations changed, and what to hand back if it all succeeds. */
export class Execution {
  readonly commits: Array<() => void> = [];
  readonly changes: ChangeRecord[] = [];

  constructor(readonly host: FakeExcelHost) {}

  get state(): WorkbookState {
    return this.host.state;
  }

  /** Hand a loaded value back to a proxy, once the whole request has succeeded. */
  commit(fn: () => void): void {
    this.commits.push(fn);
  }

  change(record: ChangeRecord): void {
    this.changes.push(record);
  }

  /** Fail the request with ApiNotFound when the fake's Excel is older than `version`. */
  requireApi(version: string, what: string): void {
    if (!this.host.supports('ExcelApi', version))
      throw new FakeOfficeError(
        ErrorCodes.apiNotFound,
        `${what} needs ExcelApi ${version}; this Excel supports ExcelApi ${this.host.apiVersion}`,
        what,
      );
  }
}

export interface Operation {
  statement: string;
  run(ex: Execution): void;
}

type LoadSpec = string | string[] | Record<string, unknown> | undefined | null;

function splitList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (Array.isArray(v)) return v.flatMap((x) => splitList(x));
  throw new FakeExcelUnsupported(`a load() argument of type ${typeof v}`);
}

function objectPaths(spec: Record<string, unknown>, prefix: string): string[] {
  if ('select' in spec || 'expand' in spec) {
    const pre = (p: string) => `${prefix}${p}`;
    return [...splitList(spec.select).map(pre), ...splitList(spec.expand).map(pre)];
  }
  const out: string[] = [];
  for (const [k, v] of Object.entries(spec)) {
    if (k === '$all') {
      if (v) out.push(prefix.replace(/\/$/, ''));
      continue;
    }
    if (k === '$top' || k === '$skip') throw new FakeExcelUnsupported(`load({ ${k} })`);
    if (v === true) out.push(`${prefix}${k}`);
    else if (v && typeof v === 'object') {
      const nested = objectPaths(v as Record<string, unknown>, `${prefix}${k}/`);
      out.push(...(nested.length ? nested : [`${prefix}${k}`]));
    }
  }
  return out;
}

/** `load()` arguments as paths (`values`, `format/fill/color`); `''` means "every scalar here". */
export function loadPaths(spec: LoadSpec): string[] {
  if (spec === undefined || spec === null) return [''];
  if (typeof spec === 'string' || Array.isArray(spec)) {
    const list = splitList(spec);
    return list.length ? list : [''];
  }
  if (typeof spec === 'object') {
    const list = objectPaths(spec, '');
    return list.length ? list : [''];
  }
  throw new FakeExcelUnsupported(`a load() argument of type ${typeof spec}`);
}

export interface LoadPlan {
  scalars: Set<string>;
  navs: Map<string, string[]>;
}

type Readers<T> = Record<string, (target: T, ex: Execution) => unknown>;

/** What proxies of any target type share (the generic class is invariant in its target). */
export interface ProxyLike {
  readonly _typeName: string;
  readonly _nullable: boolean;
  _plan(paths: string[]): LoadPlan;
  _loadInto(ex: Execution, paths: string[]): void;
  _markExists(): void;
  set(properties: Record<string, unknown>): void;
  toJSON(): Record<string, unknown>;
}

export interface ObjectOptions {
  /** Created by an *OrNullObject method: may resolve to nothing, which isNullObject reports. */
  nullable?: boolean;
}

/**
 * A proxy for one Excel object. Subclasses say how to find their target in the workbook state
 * (`_resolve`), which scalar properties can be loaded (`_scalars`) and which child objects can be
 * navigated to in a load path (`_navigations`).
 */
export abstract class FakeClientObject<T> implements ProxyLike {
  protected readonly _props = new Map<string, unknown>();
  /** undefined until a sync has told whether the object exists. */
  protected _null: boolean | undefined;
  readonly _nullable: boolean;

  constructor(
    readonly context: FakeRequestContext,
    readonly _typeName: string,
    options: ObjectOptions = {},
  ) {
    this._nullable = options.nullable ?? false;
    if (this._nullable) {
      context._enqueue(`${_typeName}.instantiate`, (ex) => {
        const t = this._resolve(ex);
        ex.commit(() => {
          this._null = t === null;
        });
      });
    } else {
      context._created(this);
    }
  }

  /** The object in the state, null when it does not exist (an *OrNullObject result). May throw. */
  abstract _resolve(ex: Execution): T | null;

  protected abstract _scalars(): Readers<T>;

  protected _navigations(): Record<string, ProxyLike> {
    return {};
  }

  /** The target, or ItemNotFound when there is none. */
  protected _target(ex: Execution, where: string): T {
    const t = this._resolve(ex);
    if (t === null) throw itemNotFound(where);
    return t;
  }

  /** Called by the context after a successful sync for objects created before it. */
  _markExists(): void {
    if (this._null === undefined) this._null = false;
  }

  get isNullObject(): boolean {
    if (this._null === undefined) throw propertyNotLoaded(this._typeName, 'isNullObject');
    return this._null;
  }

  protected _get<V>(prop: string): V {
    if (this._null === true)
      throw new FakeExcelMisuse(
        `${this._typeName}.${prop} was read on a null object (isNullObject is true); Excel would hand back null here. Check isNullObject first.`,
      );
    if (!this._props.has(prop)) throw propertyNotLoaded(this._typeName, prop);
    return this._props.get(prop) as V;
  }

  /** Queue a property write; the proxy keeps the written value, as Office.js does. */
  protected _set(prop: string, value: unknown, apply: (target: T, ex: Execution, where: string) => void): void {
    const where = `${this._typeName}.${prop}`;
    this._props.set(prop, value);
    this.context._enqueue(`${where} = …`, (ex) => apply(this._target(ex, where), ex, where));
  }

  /** Queue a method call on the target. */
  protected _call(method: string, apply: (target: T, ex: Execution, where: string) => void): void {
    const where = `${this._typeName}.${method}`;
    this.context._enqueue(`${where}()`, (ex) => apply(this._target(ex, where), ex, where));
  }

  /** Queue a method that returns a value: the ClientResult is readable after the sync. */
  protected _result<V>(method: string, compute: (target: T, ex: Execution, where: string) => V): FakeClientResult<V> {
    const result = new FakeClientResult<V>();
    const where = `${this._typeName}.${method}`;
    this.context._enqueue(`${where}()`, (ex) => {
      const v = compute(this._target(ex, where), ex, where);
      ex.commit(() => result._commit(v));
    });
    return result;
  }

  /** Check load paths against what this object can load (throws for unknown names). */
  _plan(paths: string[]): LoadPlan {
    const scalars = this._scalars();
    const navs = this._navigations();
    const plan: LoadPlan = { scalars: new Set(), navs: new Map() };
    for (const path of paths) {
      if (path === '') {
        for (const name of Object.keys(scalars)) plan.scalars.add(name);
        continue;
      }
      const [head, ...rest] = path.split('/');
      if (rest.length === 0 && head in scalars) {
        plan.scalars.add(head);
      } else if (head in navs) {
        const list = plan.navs.get(head) ?? [];
        list.push(rest.join('/'));
        plan.navs.set(head, list);
      } else if (head === 'isNullObject' && rest.length === 0) {
        // Known after any sync; nothing to load.
      } else {
        throw new FakeExcelUnsupported(
          `loading "${path}" on ${this._typeName} (loadable: ${[...Object.keys(scalars), ...Object.keys(navs).map((n) => `${n}/…`)].join(', ')})`,
        );
      }
    }
    for (const [name, sub] of plan.navs) navs[name]._plan(sub);
    return plan;
  }

  /** Queue a load. Accepts the string, array and object forms of Office.js. */
  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    this._plan(paths); // unknown names fail here, at the call
    this.context._enqueue(`${this._typeName}.load(${paths.join(', ')})`, (ex) => this._loadInto(ex, paths));
    return this;
  }

  /** The object a load reads, or null for a missing `*OrNullObject` (marked null once the batch commits; a plain getter's missing object fails). */
  _resolveForLoad(ex: Execution): T | null {
    const t = this._resolve(ex);
    if (t !== null) return t;
    if (!this._nullable) throw itemNotFound(`${this._typeName}.load`);
    ex.commit(() => {
      this._null = true;
    });
    return null;
  }

  /** Run a load now, inside an execution (also used by collections for their items). */
  _loadInto(ex: Execution, paths: string[]): void {
    const plan = this._plan(paths);
    const t = this._resolveForLoad(ex);
    if (t === null) return;
    const readers = this._scalars();
    const values: Array<[string, unknown]> = [...plan.scalars].map((name) => [name, readers[name](t, ex)]);
    ex.commit(() => {
      for (const [name, v] of values) this._props.set(name, v);
      this._null = false;
    });
    const navs = this._navigations();
    for (const [name, sub] of plan.navs) navs[name]._loadInto(ex, sub);
  }

  /** Set several properties at once, e.g. `range.format.set({ fill: { color: '#FF0000' } })`. */
  set(properties: Record<string, unknown>): void {
    const navs = this._navigations();
    for (const [k, v] of Object.entries(properties)) {
      if (k in navs && v && typeof v === 'object') {
        navs[k].set(v as Record<string, unknown>);
        continue;
      }
      if (!hasSetter(this, k)) throw new FakeExcelUnsupported(`setting "${k}" on ${this._typeName}`);
      (this as unknown as Record<string, unknown>)[k] = v;
    }
  }

  /** The loaded properties as a plain object (Office.js's toJSON). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this._props) out[k] = v instanceof FakeClientObject ? v.toJSON() : v;
    for (const [k, nav] of Object.entries(this._navigations())) {
      const json = nav.toJSON();
      if (Object.keys(json).length) out[k] = json;
    }
    return out;
  }
}

function hasSetter(obj: object, prop: string): boolean {
  for (let p: object | null = obj; p; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, prop);
    if (d) return typeof d.set === 'function';
  }
  return false;
}

/** A value a method returns: readable only after the sync that carried the call. */
export class FakeClientResult<T> {
  private _loaded = false;
  private _value: T | undefined;

  get value(): T {
    if (!this._loaded) throw valueNotLoaded();
    return this._value as T;
  }

  _commit(v: T): void {
    this._value = v;
    this._loaded = true;
  }
}

/**
 * A collection proxy: `items` must be loaded like any property (`load('items/name')`,
 * `load('name')` or `load()`), and each load hands back fresh item proxies.
 */
export abstract class FakeCollection<T, I extends ProxyLike> extends FakeClientObject<T> {
  /** Proxies for the items that exist now, each pinned to its item. */
  protected abstract _enumerate(target: T, ex: Execution): I[];

  /** A proxy used only to validate item load paths. */
  protected abstract _prototypeItem(): I;

  protected _scalars(): Readers<T> {
    return {};
  }

  get items(): I[] {
    return this._get<I[]>('items');
  }

  protected _itemPaths(paths: string[]): string[] {
    return paths.map((p) => (p === 'items' ? '' : p.startsWith('items/') ? p.slice('items/'.length) : p));
  }

  _plan(paths: string[]): LoadPlan {
    this._prototypeItem()._plan(this._itemPaths(paths));
    return { scalars: new Set(), navs: new Map() };
  }

  _loadInto(ex: Execution, paths: string[]): void {
    const t = this._resolveForLoad(ex);
    if (t === null) return;
    const itemPaths = this._itemPaths(paths);
    const items = this._enumerate(t, ex);
    for (const item of items) item._loadInto(ex, itemPaths);
    ex.commit(() => {
      this._props.set('items', items);
      this._null = false;
    });
  }

  getCount(): FakeClientResult<number> {
    return this._result('getCount', (t, ex) => this._enumerate(t, ex).length);
  }

  toJSON(): Record<string, unknown> {
    if (!this._props.has('items')) return {};
    return { items: (this._props.get('items') as I[]).map((i) => i.toJSON()) };
  }
}
