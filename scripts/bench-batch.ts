/**
 * `npm run bench:batch` (also run by `npm run bench`): `nianbao check` over a province's worth of
 * files, as a separate process the way users run it.
 *  1. Files per second at --jobs 1 and --jobs 2, on a folder of `SPEED_COUNT` reports.
 *  2. Peak memory (the process's maximum resident set, worker threads included) over `COUNT`
 *     reports (default 100,000) with --json and --summary .xlsx, against the 400 MB limit.
 * The reports are 100 generated ones of 2023 (100 bodies, one in ten with a mistake; half .xlsx,
 * half portal pages with the report's prose), hard-linked into folders of 100 (links cost no
 * disk space), as a 公开办 receives one January's reports: pairing runs and finds no report of
 * the year before, so each file is read once. The memory run takes the pages only, the quicker
 * to read, so that 100,000 files take minutes: memory depends on the number of files, not on
 * their type.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { escapeHtml, reportHtml } from '../src/core/export/html';
import { reportWorkbook } from '../src/core/export/xlsx';
import { getFormat } from '../src/core/formats/registry';
import type { FormatDef } from '../src/core/formats/types';
import { generateReport, narrative } from './generate';

const COUNT = Number(process.env.BENCH_BATCH_COUNT ?? 100_000);
const SPEED_COUNT = Math.min(COUNT, Number(process.env.BENCH_BATCH_SPEED_COUNT ?? 2_000));
const MEMORY_LIMIT_MB = 400;
const BASE = path.join(os.tmpdir(), 'nianbao-bench-batch');
const MAIN = path.resolve(__dirname, '../src/cli/main.js');
const F2021 = getFormat('2021') as FormatDef;

async function distinctReports(): Promise<string[]> {
  const dir = path.join(BASE, 'distinct');
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < 100; i++) {
    const values = generateReport(F2021, i + 1, i % 10 === 0);
    const title = `示例第${i + 1}单位2023年政府信息公开工作年度报告`;
    const file = path.join(dir, `r${i}.${i % 2 === 0 ? 'xlsx' : 'html'}`);
    if (!fs.existsSync(file)) {
      if (file.endsWith('.xlsx')) fs.writeFileSync(file, await reportWorkbook(F2021, values, title));
      else {
        const prose = narrative(i + 1).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
        fs.writeFileSync(file, reportHtml(F2021, values, title).replace('<body>', `<body>\n${prose}`));
      }
    }
    files.push(file);
  }
  return files;
}

/** `count` hard links to `sources` in folders of 100; made once and kept for the next run. */
function linkedFolder(name: string, count: number, sources: string[]): string {
  const dir = path.join(BASE, name);
  const done = path.join(dir, '.complete');
  if (fs.existsSync(done)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, `unit${String(Math.floor(i / 100)).padStart(4, '0')}`);
    if (i % 100 === 0) fs.mkdirSync(sub, { recursive: true });
    const source = sources[i % sources.length];
    fs.linkSync(source, path.join(sub, `${i}${path.extname(source)}`));
  }
  fs.writeFileSync(done, '');
  return dir;
}

/** Runs `nianbao check` in a child process; its wall time and peak resident memory. */
function runCheck(argv: string[]): Promise<{ seconds: number; maxRssMb: number; code: number }> {
  // The child reports its own peak (resourceUsage covers the whole process, workers included).
  const script = `require(${JSON.stringify(MAIN)}).main(${JSON.stringify(argv)}).then((code) => { process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + ' ' + code + '\\n'); })`;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    child.stderr.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-200)));
    child.on('error', reject);
    child.on('close', () => {
      const m = /MAXRSS (\d+) (\d+)/.exec(tail);
      if (!m) return reject(new Error(`the check did not finish: ${tail}`));
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, maxRssMb: Number(m[1]) / 1024, code: Number(m[2]) });
    });
  });
}

async function main(): Promise<void> {
  console.log(`nianbao 批量检查基准（Node ${process.version}，${os.availableParallelism()} 核）`);
  const sources = await distinctReports();
  const speedDir = linkedFolder(`speed-${SPEED_COUNT}`, SPEED_COUNT, sources);
  for (const jobs of [1, 2]) {
    const r = await runCheck(['check', '--json', '--quiet', '--jobs', String(jobs), speedDir]);
    console.log(`--jobs ${jobs}：${SPEED_COUNT} 个文件 ${r.seconds.toFixed(1)} 秒，每秒 ${(SPEED_COUNT / r.seconds).toFixed(0)} 个，峰值内存 ${r.maxRssMb.toFixed(0)} MB`);
  }
  const bigDir = linkedFolder(`memory-${COUNT}`, COUNT, sources.filter((f) => f.endsWith('.html')));
  const summary = path.join(BASE, 'summary.xlsx');
  const r = await runCheck(['check', '--json', '--quiet', '--summary', summary, bigDir]);
  const ok = r.maxRssMb < MEMORY_LIMIT_MB;
  console.log(`${COUNT} 个网页（--json 与 --summary .xlsx，默认线程数）：${r.seconds.toFixed(0)} 秒，每秒 ${(COUNT / r.seconds).toFixed(0)} 个，峰值内存 ${r.maxRssMb.toFixed(0)} MB（上限 ${MEMORY_LIMIT_MB} MB）${ok ? '' : '——超出上限'}`);
  if (!ok) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
