/**
 * PDFs and Word files that cannot be read, through the built command (pdf.js is an ES module
 * Jest cannot load): each gives exit code 2 and one line that says why and what to do, quickly,
 * and leaves the file as it was. Needs `npm run build` and LibreOffice (for the encrypted PDF).
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { imageOnlyPdf } from '../helpers/documents';
import { sofficePath } from '../helpers/libreoffice';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'nianbao.js');
let dir: string;

function check(file: string): Promise<{ code: number; out: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'check', file], { timeout: 60_000 }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: stdout, ms: Date.now() - started });
    });
  });
}

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run npm run build first (npm test does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bad-documents-'));
  fs.writeFileSync(path.join(dir, 'scan.pdf'), imageOnlyPdf());
  fs.writeFileSync(path.join(dir, 'cut.pdf'), imageOnlyPdf().subarray(0, 300));
  const soffice = sofficePath();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed: run .ci/run');
  fs.writeFileSync(path.join(dir, 'locked.html'), '<p>淮安市人民政府2024年政府信息公开工作年度报告</p>');
  const password = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"x"}}';
  return new Promise<void>((resolve, reject) =>
    execFile(soffice, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', `pdf:writer_web_pdf_Export:${password}`, '--outdir', dir, path.join(dir, 'locked.html')], { timeout: 120_000 }, (error) =>
      error ? reject(error) : fs.existsSync(path.join(dir, 'locked.pdf')) ? resolve() : reject(new Error('LibreOffice made no encrypted PDF')),
    ),
  );
}, 150_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each([
  ['a PDF that is only a picture', 'scan.pdf', 'PDF 文件没有文字层（可能是扫描件或图片），无法读取表格：请使用 Word 原件（.docx）检查，或先用 OCR 软件识别为文字'],
  ['an encrypted PDF', 'locked.pdf', 'PDF 文件设有打开密码，无法读取：请使用未加密的文件或 Word 原件（.docx）检查'],
  ['a truncated PDF', 'cut.pdf', '不是有效的 PDF 文件（文件已损坏或不完整）：请重新下载或导出后再检查'],
])('%s: exit 2, one line saying why and what to do, the file untouched', async (_name, name, message) => {
  const file = path.join(dir, name);
  const before = fs.readFileSync(file);
  const { code, out, ms } = await check(file);
  expect(code).toBe(2);
  const block = out.split('\n\n')[0].split('\n');
  expect(block).toEqual([`== ${file} ==`, `  [错误] 无法检查：${message}：${file}`]);
  expect(ms).toBeLessThan(30_000);
  expect(fs.readFileSync(file)).toEqual(before);
});
