/**
 * 「检查文件」 in the real pane (headless Chromium, no network): a PDF printed by Chromium and a
 * Word file made by LibreOffice are read in the page with the core readers — pdf.js loads as a
 * chunk of its own with its worker, only then — and their findings shown as for a sheet. A scan
 * is refused with what to do. Needs the rendered documents (LibreOffice, Chromium; cached).
 */
import * as fs from 'fs';
import * as path from 'path';
import { offlineContext } from './harness';
import { useBrowserSuite } from './suite';
import { documentPath, imageOnlyPdf, pdfTextItems, predefinedCMapPdf, renderedDocuments } from '../helpers/documents';

const suite = useBrowserSuite('nianbao-check-file-');
let documents: string;

beforeAll(async () => {
  documents = await renderedDocuments();
}, 900_000);

/** The pane on an empty sheet, offline, with its script errors and every path it loads recorded. */
async function openPane() {
  const { context, blocked } = await offlineContext(suite.browser!, { width: 320, height: 900 });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const loaded: string[] = [];
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  await page.goto(`${suite.server!.url}/taskpane.html`);
  await page.getByText('工作表「Sheet1」中没有找到年度报告表格').waitFor();
  return { context, blocked, page, pageErrors, loaded };
}

test('a PDF and a Word file are checked in the pane; pdf.js loads only for the PDF; nothing leaves the page', async () => {
  const { context, blocked, page, pageErrors, loaded } = await openPane();
  expect(loaded.filter((p) => /pdf/.test(p))).toEqual([]);

  await page.setInputFiles('#check-file-input', documentPath(documents, 'huaian-2024-clean', 'lo.docx'));
  await page.getByText('文件「huaian-2024-clean.docx」：2021 年格式，2024 年度').waitFor();
  await page.getByText('✓ 全部校验通过').waitFor();
  expect(loaded.filter((p) => /pdf/.test(p))).toEqual([]);

  // One mistyped cell: the row and column totals fail, the culprit named.
  await page.setInputFiles('#check-file-input', documentPath(documents, 'huaian-2024-leaf', 'chromium.pdf'));
  await page.getByText('文件「huaian-2024-leaf.pdf」：2021 年格式，2024 年度').waitFor();
  await page.locator('.count-error', { hasText: /错误 [1-9]\d* 处/ }).waitFor();
  expect(await page.locator('.finding-error').count()).toBeGreaterThan(0);
  expect(loaded).toContain('/pdfjs.js');
  expect(loaded).toContain('/pdf.worker.min.mjs');

  expect(pageErrors).toEqual([]);
  expect(blocked).toEqual([]);
  await context.close();
}, 120_000);

test("a PDF whose Chinese font needs a predefined CMap (WPS, Word) is read: the CMap is fetched then, not before", async () => {
  const items = pdfTextItems(documentPath(documents, 'huaian-2024-clean', 'chromium.pdf'));
  if (!Array.isArray(items)) throw new Error(`the Chromium PDF did not read: ${items.error}`);
  const file = path.join(suite.tmp, 'cmap-huaian-2024-clean.pdf');
  fs.writeFileSync(file, predefinedCMapPdf(items));
  const { context, blocked, page, pageErrors, loaded } = await openPane();
  expect(loaded.filter((p) => /cmaps|standard_fonts/.test(p))).toEqual([]);

  await page.setInputFiles('#check-file-input', file);
  await page.getByText('文件「cmap-huaian-2024-clean.pdf」：2021 年格式，2024 年度').waitFor();
  await page.getByText('✓ 全部校验通过').waitFor();
  expect(loaded).toContain('/pdfjs/cmaps/UniGB-UCS2-H.bcmap');
  expect(pageErrors).toEqual([]);
  expect(blocked).toEqual([]);
  await context.close();
}, 120_000);

test('a scan is refused with what to do; the pane stays usable', async () => {
  const { context, page } = await openPane();
  const scan = path.join(suite.tmp, 'scan.pdf');
  fs.writeFileSync(scan, imageOnlyPdf());
  await page.setInputFiles('#check-file-input', scan);
  await page.getByText('无法检查文件「scan.pdf」：PDF 文件没有文字层（可能是扫描件或图片），无法读取表格').waitFor();
  expect(await page.locator('#check-file').isDisabled()).toBe(false);
  await context.close();
}, 120_000);
