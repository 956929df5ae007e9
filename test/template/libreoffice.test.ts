/**
 * The in-workbook checks agree with the TypeScript rules: the template with its check formulas,
 * filled with each fixture's figures, is recalculated by LibreOffice; the relations whose check
 * cells come out non-zero must be exactly the relations the engine reports as failing.
 */
import { validate } from '../../src/core/engine/validate';
import { getFormat } from '../../src/core/formats/registry';
import { planTemplate } from '../../src/core/template/plan';
import { planWorkbook } from '../../src/core/template/xlsx';
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
