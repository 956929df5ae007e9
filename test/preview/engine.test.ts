/**
 * The preview's calculating workbook (src/preview/engine.ts, calc.ts) on the Excel fake: the
 * template's check cells come out non-zero for exactly the relations the TypeScript rules flag
 * (the same fixtures the LibreOffice test recalculates), conditional formats paint the cells of
 * those relations, formula totals are in the fake before the pane reads them, and a user's edit
 * is recalculated before its change event is delivered.
 */
import { createFakeExcel } from '../fake-excel';
import { attachEngine, type PreviewEngine } from '../../src/preview/engine';
import { parseTsv, toTsv, displayValue } from '../../src/preview/grid';
import { insertTemplate } from '../../src/excel/template';
import { COLORS } from '../../src/excel/template';
import { validate } from '../../src/core/engine/validate';
import { getFormat } from '../../src/core/formats/registry';
import { a1 } from '../../src/core/template/a1';
import type { TemplatePlan } from '../../src/core/template/plan';
import { PaneController } from '../../src/taskpane/controller';
import { createExcelHost } from '../../src/taskpane/host';
import { fixtureCases } from '../helpers/fixtures';
import { MAX_COLS } from '../fake-excel/address';

type Fake = ReturnType<typeof createFakeExcel>;
let fake: Fake;
let engine: PreviewEngine;
let restore: () => void;

beforeEach(() => {
  fake = createFakeExcel({ sheets: ['Sheet1'] });
  engine = attachEngine(fake);
  restore = fake.install();
});
afterEach(() => restore());

const insert = (format: string, year: number, totals: 'formula' | 'value') => fake.Excel.run((context) => insertTemplate(context, { format, year, totals }));
const addressOf = (plan: TemplatePlan, id: string): string => {
  const p = plan.positions.get(id)!;
  return a1(p.row, p.col);
};

const cases = fixtureCases();

describe.each(cases.map((c) => [c.name, c] as const))('%s in the preview workbook', (_name, c) => {
  test('check cells flag exactly the relations the engine flags, and their cells are painted', async () => {
    const { sheetName, plan } = await insert(c.format, c.year, 'value');
    const sheet = fake.workbook.sheet(sheetName);
    for (const [id, value] of Object.entries(c.cells)) {
      if (value === null || value === undefined || !plan.positions.has(id)) continue;
      sheet.setValues(addressOf(plan, id), [[value instanceof Date || typeof value === 'object' ? String(value) : value]]);
    }
    engine.refresh();

    const flagged = plan.checks.filter((check) => sheet.getValue(a1(check.row, check.col)) !== 0);
    const flaggedByEngine = validate({ format: getFormat(c.format)!, year: c.year, raw: c.cells }).findings
      .filter((f) => f.where !== undefined && !f.code.startsWith('cell.'))
      .map((f) => `${f.code}:${f.where}`)
      .sort();
    expect(flagged.map((check) => check.key).sort()).toEqual(flaggedByEngine);

    const fills = engine.calculator.fills(sheet, { r0: 0, c0: 0, r1: plan.size.rows, c1: plan.size.cols });
    for (const check of flagged) {
      for (const address of check.cells) {
        const p = sheet.rectOf(address);
        // A blank cell in a failing relation shows the (higher-priority) amber of "not filled in".
        expect({ check: check.key, address, fill: fills.get(p.r0 * MAX_COLS + p.c0) }).toEqual({ check: check.key, address, fill: expect.stringMatching(new RegExp(`^(${COLORS.error}|${COLORS.warning})$`, 'i')) });
      }
    }
  });
});

test('formula totals are computed, so a filled template passes in the pane; a wrong cell is painted red', async () => {
  const states: string[][] = [];
  const controller = new PaneController(createExcelHost({ coalesceMs: 30 }), { render: (s) => states.push(s.findings.map((f) => f.code)) });
  await controller.start();
  await controller.insertTemplate({ format: '2021', year: 2024, totals: 'formula' });
  const sheetName = controller.state.sheetName!;
  const sheet = fake.workbook.sheet(sheetName);
  const plan = (await import('../../src/core/template/plan')).planTemplate(getFormat('2021')!, { year: 2024 });
  const inputs = plan.cells.filter((cell) => cell.role === 'input');
  for (const cell of inputs) sheet.setValues(a1(cell.row, cell.col), [[0]]);
  fake.user.setValues(sheetName, addressOf(plan, 't3.received.natural'), [[3]]);
  fake.user.setValues(sheetName, addressOf(plan, 't3.granted.natural'), [[3]]);
  await fake.flushEvents();
  await new Promise((r) => setTimeout(r, 120));
  await fake.flushEvents();
  expect(sheet.getValue(addressOf(plan, 't3.received.total'))).toBe(3);
  expect(sheet.getValue(addressOf(plan, 't3.resultTotal.total'))).toBe(3);
  expect(controller.state.findings).toEqual([]);

  fake.user.setValues(sheetName, addressOf(plan, 't3.granted.commercial'), [[2]]);
  await fake.flushEvents();
  await new Promise((r) => setTimeout(r, 120));
  await fake.flushEvents();
  expect(controller.state.findings.map((f) => `${f.code}:${f.where}`).sort()).toEqual(['t3.balance:commercial', 't3.balance:total']);
  const fills = engine.calculator.fills(sheet, { r0: 0, c0: 0, r1: 60, c1: 20 });
  const red = [...fills].filter(([, fill]) => fill === COLORS.error).map(([k]) => a1(Math.floor(k / MAX_COLS), k % MAX_COLS)).sort();
  expect(red).toEqual(['E23', 'E24', 'E46', 'E47', 'J23', 'J24', 'J46', 'J47'].sort());
  await controller.stop();
});

test('a user edit is recalculated before its change event reaches a handler', async () => {
  const { sheetName, plan } = await insert('2021', 2024, 'formula');
  const total = addressOf(plan, 't3.received.total');
  const seen: unknown[] = [];
  await fake.Excel.run(async (context) => {
    context.workbook.worksheets.onChanged.add(async () => {
      seen.push(fake.workbook.sheet(sheetName).getValue(total));
    });
    await context.sync();
  });
  fake.user.setValues(sheetName, addressOf(plan, 't3.received.natural'), [[7]]);
  fake.user.type(sheetName, addressOf(plan, 't3.received.commercial'), 5);
  await fake.flushEvents();
  expect(seen).toEqual([12, 12]);
});

test('listeners hear every edit and every add-in request; odd formulas store Excel-like results', async () => {
  let calls = 0;
  const unsubscribe = engine.subscribe(() => (calls += 1));
  fake.user.setValues('Sheet1', 'A1:C2', [['=A2+1', '=B1', '=SUM(A2:B2)'], [1, '=C1', 2]]);
  expect(calls).toBe(1);
  const sheet = fake.workbook.sheet('Sheet1');
  // B1 → C1 → SUM(A2:B2) includes B2 → C1: a circle, which Excel shows as 0.
  expect(sheet.getValue('A1')).toBe(2);
  expect(typeof sheet.getValue('B1')).toBe('number');
  fake.user.setValues('Sheet1', 'D1:F1', [['=NOSUCH(1)', '=1/0', '=A1>1']]);
  expect(sheet.getValues('D1:F1')).toEqual([['#NAME?', '#DIV/0!', true]]);
  fake.user.setValues('Sheet1', 'G1', [['=(1']]);
  expect(sheet.getValue('G1')).toBe('#NAME?');
  await fake.Excel.run(async (context) => {
    context.workbook.worksheets.getItem('Sheet1').getRange('A2').values = [[10]];
    await context.sync();
  });
  expect(sheet.getValue('A1')).toBe(11);
  expect(calls).toBeGreaterThanOrEqual(4);
  unsubscribe();
});

describe('clipboard text', () => {
  test('tab-separated rows, CRLF or LF, a trailing line break dropped, ragged rows padded', () => {
    expect(parseTsv('1\t2\r\n3\t4\r\n')).toEqual([['1', '2'], ['3', '4']]);
    expect(parseTsv('1\t2\n3')).toEqual([['1', '2'], ['3', '']]);
    expect(parseTsv('5')).toEqual([['5']]);
    expect(parseTsv('a\t\tb\n')).toEqual([['a', '', 'b']]);
  });

  test('quoted cells hold tabs, line breaks and quotes; a stray quote is text', () => {
    expect(parseTsv('"a\tb"\t"line1\nline2"\t"say ""hi"""\n')).toEqual([['a\tb', 'line1\nline2', 'say "hi"']]);
    expect(parseTsv('"12" inches\t3')).toEqual([['"12" inches', '3']]);
    expect(parseTsv(toTsv([['a\tb', 'x'], ['"', '']]))).toEqual([['a\tb', 'x'], ['"', '']]);
  });

  test('numbers are shown by their format, roughly', () => {
    expect(displayValue(2.6, '0')).toBe('3');
    expect(displayValue(3, '+0;-0;0')).toBe('+3');
    expect(displayValue(-3, '+0;-0;0')).toBe('-3');
    expect(displayValue(0.1 + 0.2, 'General')).toBe('0.3');
    expect(displayValue(true, 'General')).toBe('TRUE');
    expect(displayValue('', 'General')).toBe('');
  });
});
