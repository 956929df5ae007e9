/**
 * The in-workbook checks agree with the TypeScript rules: the template with its check formulas,
 * filled with each fixture's figures, is recalculated by LibreOffice; the relations whose check
 * cells come out non-zero must be exactly the relations the engine reports as failing.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readReportFile } from '../../src/cli/read-file';
import { checkReport } from '../../src/core/check';
import { validate } from '../../src/core/engine/validate';
import { getFormat } from '../../src/core/formats/registry';
import { planTemplate } from '../../src/core/template/plan';
import { planWorkbook } from '../../src/core/template/xlsx';
import type { RawValue } from '../../src/core/import/grid';
import { runCli } from '../helpers/cli';
import { fixtureCases } from '../helpers/fixtures';
import { cachedValues, convertWithLibreOffice } from '../helpers/libreoffice';

const cases = fixtureCases();

/** All cases in one workbook each, converted in one LibreOffice run per case (≈1 s each). */
describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  test('formulas flag exactly the relations the engine flags', async () => {
    const format = getFormat(c.format)!;
    const plan = planTemplate(format, { year: c.year, totals: 'value' });
    const results = cachedValues(convertWithLibreOffice(await planWorkbook(plan, c.cells)));
    const flaggedByFormulas = plan.checks
      .filter((check) => {
        const result = results.get(`${check.row}:${check.col}`);
        if (result === undefined || !Number.isFinite(Number(result))) throw new Error(`${check.key}: check cell holds ${String(result)}`);
        return Number(result) !== 0;
      })
      .map((check) => check.key)
      .sort();
    const flaggedByEngine = validate({ format, year: c.year, raw: c.cells }).findings
      .filter((f) => f.where !== undefined && !f.code.startsWith('cell.'))
      .map((f) => `${f.code}:${f.where}`)
      .sort();
    expect(flaggedByFormulas).toEqual(flaggedByEngine);
    // Each fixture either passes or fails for the documented reasons; neither side is vacuous.
    expect(plan.checks.length).toBeGreaterThan(40);
  });
});

/**
 * The file `nianbao template` writes (totals as formulas, prefilled from last year), filled in by
 * a person as in WPS or LibreOffice, recalculated by LibreOffice: its totals and check cells come
 * out as the engine computes them, and `nianbao check` reads the recalculated file back.
 */
describe('the file nianbao template writes', () => {
  let tmp: string;
  beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-template-lo-'))));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** Types `cells` into the template's input cells, found by their names, as a person would. */
  async function fillIn(file: string, cells: Readonly<Record<string, RawValue>>): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    for (const { name, ranges } of workbook.definedNames.model) {
      const id = name.replace(/^NB_/, '');
      const [sheetName, address] = ranges[0].split('!');
      const cell = workbook.getWorksheet(sheetName.replace(/^'|'$/g, ''))!.getCell(address.replace(/\$/g, ''));
      if (cell.formula || !(id in cells)) continue;
      const value = cells[id];
      cell.value = value !== null && typeof value === 'object' && !(value instanceof Date) ? value.error : value;
    }
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  test.each([
    ['huaian-2024', 0],
    ['wutuan-2019', 0],
    ['huaian-2024', 1],
  ])('%s filled in (mistakes: %i): LibreOffice’s totals and check cells agree with the engine, and check reads it back', async (name, mistakes) => {
    const c = cases.find((x) => x.name === name)!;
    const format = getFormat(c.format)!;
    const cells = { ...c.cells };
    if (mistakes) cells['t3.granted.commercial'] = Number(cells['t3.granted.commercial']) + 1;
    const out = path.join(tmp, `${name}.xlsx`);
    expect((await runCli('template', '--year', String(c.year), '-o', out)).code).toBe(0);
    const recalculated = convertWithLibreOffice(await fillIn(out, cells));
    const back = path.join(tmp, `${name}-${mistakes}.recalculated.xlsx`);
    fs.writeFileSync(back, recalculated);

    const report = checkReport(await readReportFile(back));
    const plan = planTemplate(format, { year: c.year });
    const inputs = plan.cells.filter((x) => x.role === 'input').map((x) => x.id!);
    expect([report.format.id, report.year]).toEqual([c.format, c.year]);
    for (const id of inputs) expect([id, report.raw[id]]).toEqual([id, cells[id] ?? null]);
    // The totals LibreOffice computed are the sums of the parts, as the engine's rules say.
    const { findings } = validate({ format, year: c.year, raw: report.raw });
    expect(findings.filter((f) => f.code === 't3.rowTotal' || f.code === 't3.resultTotal' || f.code === 't4.groupTotal')).toEqual([]);
    const results = cachedValues(recalculated);
    const flaggedByFormulas = plan.checks.filter((check) => Number(results.get(`${check.row}:${check.col}`)) !== 0).map((check) => check.key);
    const flaggedByEngine = findings.filter((f) => f.where !== undefined && !f.code.startsWith('cell.')).map((f) => `${f.code}:${f.where}`);
    expect(flaggedByFormulas.sort()).toEqual(flaggedByEngine.sort());
    expect(flaggedByEngine.length > 0).toBe(mistakes > 0);
  });
});
