/**
 * A PDF whose Chinese font is not embedded and is encoded by a predefined CMap (STSong-Light,
 * `UniGB-UCS2-H`), as WPS and Word write them: made from the items of a Chromium-printed case, it
 * reads back exactly what the .html route reads — and pdf.js without its CMaps finds no text in
 * it, so the CMaps are what makes it readable. The task pane's copy: test/browser/check-file.test.ts.
 * Needs `npm run build` (npm test builds first), LibreOffice and Chromium.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RENDERED } from '../helpers/fixtures';
import { checkJson, documentPath, essence, pdfTextItems, predefinedCMapPdf, renderedDocuments } from '../helpers/documents';

const NAME = 'huaian-2024-clean';
let dir: string;
let pdf: string;

beforeAll(async () => {
  const items = pdfTextItems(documentPath(await renderedDocuments(), NAME, 'chromium.pdf'));
  if (!Array.isArray(items)) throw new Error(`the Chromium PDF of ${NAME} did not read: ${items.error}`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cmap-'));
  pdf = path.join(dir, `${NAME}.pdf`);
  fs.writeFileSync(pdf, predefinedCMapPdf(items));
}, 900_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('pdf.js without its CMaps finds no text in it', () => {
  expect(pdfTextItems(pdf, true)).toEqual({ error: 'noText' });
}, 60_000);

test('nianbao check reads it as the .html route reads the case', async () => {
  const [html, read] = await checkJson([path.join(RENDERED, `${NAME}.html`), pdf]);
  expect(html.tables).toEqual({ t2: true, t3: true, t4: true });
  expect(essence(read)).toEqual(essence(html));
}, 120_000);
