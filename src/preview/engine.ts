/**
 * Makes the Excel fake behave like a calculating workbook for the preview page: after every edit
 * of the person at the keyboard (`fake.user`), after every `context.sync()` of the add-in and at
 * the end of every `Excel.run`, all formulas are recomputed (calc.ts) and listeners (the grid) are
 * told. A user edit is recomputed synchronously, so the results are in the fake before its change
 * event — which the fake delivers on a later task — reaches the task pane.
 */
import type { FakeExcel } from '../fake-excel';
import { Calculator } from './calc';

export interface PreviewEngine {
  readonly fake: FakeExcel;
  readonly calculator: Calculator;
  /** Called after every change to the workbook (already recalculated); returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Recalculates and notifies now, e.g. after arranging `fake.workbook` directly. */
  refresh(): void;
}

declare global {
  interface Window {
    /** The in-browser Excel the preview and the browser tests drive (set by fake-office.js). */
    __nianbaoFake?: FakeExcel;
    __nianbaoPreview?: PreviewEngine;
  }
}

/** The FakeUser methods that change the workbook or the selection. */
const USER_EDITS = [
  'setValues',
  'setFormulas',
  'type',
  'clear',
  'insertRows',
  'deleteRows',
  'insertColumns',
  'deleteColumns',
  'renameSheet',
  'addSheet',
  'deleteSheet',
  'activate',
  'select',
  'setNumberFormat',
  'setFill',
  'setBold',
  'merge',
  'unmerge',
] as const;

type AnyFunction = (...args: unknown[]) => unknown;

export function attachEngine(fake: FakeExcel): PreviewEngine {
  const calculator = new Calculator(fake.workbook);
  const listeners = new Set<() => void>();

  const changed = (): void => {
    try {
      calculator.recalculate();
    } catch (error) {
      // Never let the preview's own arithmetic break an edit or the add-in's request.
      console.error('nianbao preview: recalculation failed', error);
    }
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        console.error('nianbao preview: a workbook listener failed', error);
      }
    }
  };

  // The person at the keyboard: recompute once per outermost edit (type() calls setValues()).
  const user = fake.user as unknown as Record<string, AnyFunction>;
  let depth = 0;
  for (const name of USER_EDITS) {
    const original = user[name];
    user[name] = (...args: unknown[]): unknown => {
      depth += 1;
      try {
        return original.apply(fake.user, args);
      } finally {
        depth -= 1;
        if (depth === 0) changed();
      }
    };
  }

  // The add-in: recompute after each of its syncs and when its Excel.run ends.
  const excel = fake.Excel as unknown as { run: AnyFunction };
  const run = excel.run;
  const patched = new WeakSet<object>();
  const watchSyncs = (context: { sync: AnyFunction }): void => {
    if (patched.has(context)) return;
    patched.add(context);
    const sync = context.sync.bind(context);
    context.sync = (...args: unknown[]) =>
      (sync(...args) as Promise<unknown>).then((value) => {
        changed();
        return value;
      });
  };
  excel.run = (...args: unknown[]): Promise<unknown> => {
    const last = args.length - 1;
    const batch = args[last];
    if (typeof batch === 'function') {
      args[last] = (context: { sync: AnyFunction }) => {
        watchSyncs(context);
        return (batch as AnyFunction)(context);
      };
    }
    return (run(...args) as Promise<unknown>).finally(changed);
  };

  return {
    fake,
    calculator,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh: changed,
  };
}
