/**
 * Our own .docx export printed to PDF by LibreOffice, as a unit may send it on: generated reports
 * with four- and five-digit totals, which LibreOffice wraps inside the narrow 总计 column (`1217`
 * over `8`). Every value read from the PDF is the one the .docx gives; a cell not read is named
 * by an `import.*` finding — never a wrong value. Needs `npm run build` and LibreOffice.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { reportDocx } from '../../src/core/export/docx';
import { getFormat } from '../../src/core/formats/registry';
import type { FormatDef } from '../../src/core/formats/types';
import { generateReport } from '../../scripts/generate';
import { checkJson, type FileResult } from '../helpers/documents';
import { convertWithLibreOffice } from '../helpers/libreoffice';

const CASES = [
  { format: getFormat('2019') as FormatDef, seed: 1, year: 2020 },
  { format: getFormat('2021') as FormatDef, seed: 2, year: 2024 },
];
let dir: string;
const results: [FileResult, FileResult][] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-export-pdf-'));
  for (const [i, c] of CASES.entries()) {
    const docx = await reportDocx({ format: c.format, year: c.year, body: `示例单位${i + 1}`, raw: generateReport(c.format, c.seed), findings: [] });
    fs.writeFileSync(path.join(dir, `r${i}.docx`), docx);
    fs.writeFileSync(path.join(dir, `r${i}.pdf`), convertWithLibreOffice(docx, 'pdf', `r${i}.docx`));
  }
  const read = await checkJson(CASES.flatMap((_, i) => [path.join(dir, `r${i}.docx`), path.join(dir, `r${i}.pdf`)]));
  for (let i = 0; i < CASES.length; i++) results.push([read[2 * i], read[2 * i + 1]]);
}, 300_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test.each(CASES.map((c, i) => [c.format.id, i]))('format %s: every value read from the PDF is the .docx one, the rest named', (_, i) => {
  const [docx, pdf] = results[i as number];
  const named = new Set(pdf.findings.filter((f) => f.code.startsWith('import.')).flatMap((f) => f.cells));
  const wrong = Object.entries(pdf.cells).filter(([id, value]) => value !== docx.cells[id]);
  const silent = Object.keys(docx.cells).filter((id) => !(id in pdf.cells) && !named.has(id));
  expect(wrong).toEqual([]);
  expect(silent).toEqual([]);
  // The wrapped totals are read.
  expect(pdf.cells['t3.received.total']).toBe(docx.cells['t3.received.total']);
});
