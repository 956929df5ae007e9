/**
 * `npm run bench`: prints the speed figures the foundation promises.
 *  1. Validating one complete report with every rule: median time per report.
 *  2. `nianbao check` over 1,000 generated .xlsx reports in one process, against reading the
 *     same files with ExcelJS alone: the ratio (goal ≤ 1.15).
 *  3. The same for 1,000 .html reports against parsing them with parse5 alone.
 *  4. Word and PDF: `nianbao check` of generated .docx reports (our export) against unzipping
 *     word/document.xml and parsing it with saxes alone, and of those reports printed to PDF by
 *     LibreOffice against pdf.js extracting their text alone: the ratio per file (goal ≤ 1.3).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { execFileSync } from 'child_process';
import { unzipSync } from 'fflate';
import { parse } from 'parse5';
import { SaxesParser } from 'saxes';
import { findSoffice } from '../src/cli/convert';
import { loadPdfJs } from '../src/cli/pdfjs';
import { reportDocx } from '../src/core/export/docx';
import { DEFAULT_TIMEOUT_SECONDS } from '../src/cli/args';
import { runCheck } from '../src/cli/commands/check';
import type { Io } from '../src/cli/io';
import { readReportFile } from '../src/cli/read-file';
import { validate } from '../src/core/engine/validate';
import { reportHtml } from '../src/core/export/html';
import { reportWorkbook } from '../src/core/export/xlsx';
import { getFormat } from '../src/core/formats/registry';
import type { FormatDef } from '../src/core/formats/types';
import { escapeHtml } from '../src/core/export/html';
import { generateReport, narrative } from './generate';

const COUNT = Number(process.env.BENCH_COUNT ?? 1000);
const DIR = path.join(os.tmpdir(), `nianbao-bench-v2-${COUNT}`);
const formats = [getFormat('2019'), getFormat('2021')] as FormatDef[];

const nullIo: Io = { stdout: () => undefined, stderr: () => undefined, interactive: false };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function time(fn: () => Promise<void> | void): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function generateFiles(): Promise<{ xlsx: string[]; html: string[] }> {
  fs.mkdirSync(DIR, { recursive: true });
  const xlsx: string[] = [];
  const html: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const format = formats[i % 2];
    const year = format.id === '2019' ? 2020 : 2024;
    const values = generateReport(format, i + 1, i % 10 === 0);
    const title = `示例单位${i + 1}${year}年政府信息公开工作年度报告`;
    const x = path.join(DIR, `r${i}.xlsx`);
    const h = path.join(DIR, `r${i}.html`);
    if (!fs.existsSync(x)) fs.writeFileSync(x, await reportWorkbook(format, values, title));
    if (!fs.existsSync(h)) {
      const page = reportHtml(format, values, title);
      // A portal page: navigation, the report's prose, then the tables.
      const prose = narrative(i + 1).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
      fs.writeFileSync(h, page.replace('<body>', `<body>\n<div class="nav">${'<a href="#">栏目</a>'.repeat(40)}</div>\n${prose}`));
    }
    xlsx.push(x);
    html.push(h);
  }
  return { xlsx, html };
}

/** The ratio the foundation promises: checking costs next to nothing beyond reading. */
const GOAL = 1.15;
/** Word and PDF documents: the reader's own work (cells, lines, columns) on top of the library's. */
const DOCUMENT_GOAL = 1.3;
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 40);
const PDFS = Number(process.env.BENCH_PDFS ?? 6);

/**
 * `nianbao check` over the files against reading them alone (`readAlone`, e.g. ExcelJS), with
 * nianbao's own reading (no check) as a third side, so the line shows what reading and what
 * checking cost. Each file is read by all three one right after the other, so they see the same
 * machine (caches, heap, other load): alternating whole runs of 1,000 files swung the ratio by
 * ±20 % here. The order rotates from file to file, so no side always pays for collecting
 * another's garbage. Five rounds after a warm-up; the ratio is each round's own, and the round
 * with the median ratio is printed (a best time of one side from one round and of the other
 * from another moved the ratio by 0.1 between runs).
 */
async function compare(label: string, files: string[], baseline: string, readAlone: (file: string) => Promise<unknown> | unknown, goal = GOAL): Promise<number[][][]> {
  const args = { command: 'check', format: 'auto', json: false, lang: 'zh-CN', all: false, timeout: DEFAULT_TIMEOUT_SECONDS, quiet: true } as const;
  const sides = [readAlone, (file: string) => readReportFile(file), (file: string) => runCheck({ ...args, files: [file] }, nullIo)];
  /** Per file, the three sides' times in this round. */
  let perFile: number[][] = [];
  const round = async (shift: number): Promise<number[]> => {
    const totals = [0, 0, 0];
    perFile = files.map(() => [0, 0, 0]);
    for (const [i, file] of files.entries()) {
      for (let k = 0; k < sides.length; k++) {
        const side = (i + shift + k) % sides.length;
        const ms = await time(async () => {
          await sides[side](file);
        });
        totals[side] += ms;
        perFile[i][side] += ms;
      }
    }
    return totals;
  };
  await round(0); // warm-up
  const rounds: number[][] = [];
  const filesOfRound: number[][][] = [];
  for (let k = 0; k < 5; k++) {
    rounds.push(await round(k));
    filesOfRound.push(perFile);
  }
  const order = rounds.map((_, k) => k).sort((a, b) => rounds[a][2] / rounds[a][0] - rounds[b][2] / rounds[b][0]);
  const [alone, read, checked] = rounds[order[2]];
  const each = (ms: number): string => `${ms.toFixed(0)} ms（每个 ${(ms / files.length).toFixed(2)} ms）`;
  const share = (ms: number): string => (ms / alone).toFixed(2);
  console.log(
    `${label}: ${files.length} 个文件；仅用 ${baseline} ${each(alone)}，nianbao check ${each(checked)}；比值 ${(checked / alone).toFixed(3)}（目标 ≤ ${goal}）` +
      `——其中 nianbao 读取 ${share(read)}、校验及输出 ${share(checked - read)}（均为 ${baseline}用时的倍数）`,
  );
  return filesOfRound;
}

/** Our .docx export of generated reports, and (with LibreOffice) the first few printed to PDF. */
async function generateDocuments(): Promise<{ docx: string[]; pdf: string[] }> {
  const dir = path.join(os.tmpdir(), `nianbao-bench-documents-${DOCUMENTS}`);
  fs.mkdirSync(dir, { recursive: true });
  const docx: string[] = [];
  for (let i = 0; i < DOCUMENTS; i++) {
    const format = formats[i % 2];
    const file = path.join(dir, `r${i}.docx`);
    if (!fs.existsSync(file)) {
      const raw = generateReport(format, i + 1, i % 10 === 0);
      const year = format.id === '2019' ? 2020 : 2024;
      fs.writeFileSync(file, await reportDocx({ format, year, body: `示例单位${i + 1}`, raw, findings: [] }));
    }
    docx.push(file);
  }
  const pdf = docx.slice(0, PDFS).map((f) => f.replace(/\.docx$/, '.pdf'));
  const missing = pdf.filter((f) => !fs.existsSync(f));
  const soffice = findSoffice();
  if (missing.length > 0 && soffice) {
    const profile = path.join(dir, 'profile');
    execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...missing.map((f) => f.replace(/\.pdf$/, '.docx'))], { stdio: 'ignore', timeout: 600_000 });
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return { docx, pdf: pdf.filter((f) => fs.existsSync(f)) };
}

/** The bare libraries' part: word/document.xml unzipped (fflate) and parsed (saxes), nothing kept. */
function unzipAndParse(file: string): void {
  const parts = unzipSync(fs.readFileSync(file), { filter: (f) => f.name === 'word/document.xml' });
  const parser = new SaxesParser({ position: false });
  parser.write(new TextDecoder().decode(parts['word/document.xml'])).close();
}

/** pdf.js's part: every page's text content, nothing done with it. */
async function extractText(file: string): Promise<void> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  const document = await task.promise;
  for (let n = 1; n <= document.numPages; n++) await (await document.getPage(n)).getTextContent();
  await document.destroy();
}

/** One line per file: the median over the rounds of its own ratio (one file takes milliseconds). */
function printPerFile(files: string[], rounds: number[][][]): void {
  for (const [i, file] of files.entries()) {
    const ratio = median(rounds.map((times) => times[i][2] / times[i][0]));
    const read = median(rounds.map((times) => times[i][1] / times[i][0]));
    const alone = median(rounds.map((times) => times[i][0]));
    console.log(`  ${path.basename(file)}: 比值 ${ratio.toFixed(3)}（其中读取 ${read.toFixed(2)}；仅用库 ${alone.toFixed(1)} ms）`);
  }
}

async function main(): Promise<void> {
  console.log(`nianbao 基准测试（Node ${process.version}，${os.cpus().length} 核）`);

  const reports = Array.from({ length: 200 }, (_, i) => ({ format: formats[i % 2], values: generateReport(formats[i % 2], 10_000 + i, i % 10 === 0) }));
  for (const r of reports) validate({ format: r.format, raw: r.values });
  const perReport: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const r of reports) {
      const start = process.hrtime.bigint();
      validate({ format: r.format, raw: r.values });
      perReport.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  console.log(`校验一份完整报告（全部规则）：中位数 ${(median(perReport) * 1000).toFixed(1)} µs（${perReport.length} 次）`);

  const started = Date.now();
  const { xlsx, html } = await generateFiles();
  const kb = (files: string[]): string => (files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / files.length / 1024).toFixed(1);
  console.log(`生成/复用 ${COUNT} 份报告于 ${DIR}（${((Date.now() - started) / 1000).toFixed(1)} s）：.xlsx 平均 ${kb(xlsx)} KB，.html 平均 ${kb(html)} KB（真实的上海市政府办公厅 2019 年报页面为 35.7 KB）`);

  await compare('.xlsx', xlsx, 'ExcelJS 读取', async (f) => {
    // ExcelJS declares its own Buffer type; a Node Buffer is what it reads at run time.
    await new ExcelJS.Workbook().xlsx.load(fs.readFileSync(f) as unknown as ArrayBuffer);
  });
  await compare('.html', html, 'parse5 解析', (f) => void parse(fs.readFileSync(f, 'utf8')));

  const documents = await generateDocuments();
  printPerFile(documents.docx, await compare('.docx', documents.docx, 'fflate 解压与 saxes 解析', unzipAndParse, DOCUMENT_GOAL));
  if (documents.pdf.length === 0) {
    console.log('.pdf: 未找到 LibreOffice（soffice），无法生成 PDF，跳过');
    return;
  }
  printPerFile(documents.pdf, await compare('.pdf', documents.pdf, 'pdf.js 提取文字', extractText, DOCUMENT_GOAL));
}

void main();
