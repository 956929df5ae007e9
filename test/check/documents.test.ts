/**
 * Reports as delivered: every rendered case as a Word file (LibreOffice's .docx and .doc) and a
 * PDF (LibreOffice's, from that .docx, and Chromium's print of the page), checked by the built
 * command (`nianbao check --json`, as pdf.js is an ES module Jest cannot load), must give exactly
 * the format, year, cells and findings — culprits included — that the .html route gives.
 * Needs `npm run build` (npm test builds first), LibreOffice and Chromium.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RENDERED } from '../helpers/fixtures';
import { CASES, checkJson, documentPath, essence, renderedDocuments, ROUTES, type FileResult, type Route } from '../helpers/documents';

const ROOT = path.resolve(__dirname, '../..');

const results = new Map<string, FileResult>();

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run npm run build first (npm test does)');
  const dir = await renderedDocuments();
  const html = await checkJson(CASES.map((name) => path.join(RENDERED, `${name}.html`)));
  html.forEach((r, i) => results.set(`${CASES[i]}.html`, r));
  for (const route of ROUTES) {
    const read = await checkJson(CASES.map((name) => documentPath(dir, name, route)));
    read.forEach((r, i) => results.set(`${CASES[i]}.${route}`, r));
  }
}, 900_000);

const runs: [string, Route][] = CASES.flatMap((name) => ROUTES.map((route) => [name, route] as [string, Route]));

describe.each(runs)('%s by %s', (name, route) => {
  test('reads back what the .html route reads', () => {
    const want = results.get(`${name}.html`) as FileResult;
    const got = results.get(`${name}.${route}`) as FileResult;
    expect(want.tables).toEqual({ t2: true, t3: true, t4: true });
    expect(essence(got)).toEqual(essence(want));
  });
});
