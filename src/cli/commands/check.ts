/**
 * `nianbao check`: lists the files (folders walked), checks every file on worker threads, pairs
 * each report with its body's report of the year before, writes each file's result in input
 * order as soon as it can, and decides the exit code.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pairByYear, type ReportIdentity } from '../../core/pairing';
import type { CheckArgs } from '../args';
import { checkFile, crashMessage, timeoutMessage, unreadableResult, type FileResult, type FileTask, type RunOptions } from '../batch/file-task';
import { JsonFilesWriter } from '../batch/json-stream';
import { isFailure, mapOrdered, WorkerPool, type TaskFailure } from '../batch/pool';
import { startProgress, type Progress } from '../batch/progress';
import { Spool } from '../batch/spool';
import { openSummary, type SummaryWriter } from '../batch/summary';
import { listInputs, type Input } from '../batch/walk';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, type Io } from '../io';
import { isUnreadable, readLastYear } from '../load';
import { REPORT_EXTENSIONS } from '../read-file';
import { pairingWarning, renderSummary, type LastYearNote, type RunCounts } from '../render';

/**
 * The compiled worker script. Under ts-jest this module is the TypeScript source, which a worker
 * thread cannot run: the build's copy is used (tests that check many files need `npm run build`).
 */
function workerScript(): string {
  const script = __filename.endsWith('.ts') ? path.resolve(__dirname, '../../../dist/src/cli/batch/worker.js') : path.join(__dirname, '../batch/worker.js');
  if (!fs.existsSync(script)) throw new Error(`找不到工作线程脚本 ${script}，请先运行 npm run build`);
  return script;
}

/** Runs file tasks: on worker threads for a run of many files, in this thread for one file. */
interface Runner {
  run(task: FileTask): Promise<FileResult>;
  close(): Promise<void>;
}

function threadRunner(size: number, timeoutMs: number, options: RunOptions): Runner {
  const pool = new WorkerPool<FileTask, FileResult>({ script: workerScript(), size, timeoutMs, workerData: options });
  return {
    run: async (task) => {
      const outcome = await pool.run(task);
      return isFailure(outcome) ? unreadableResult(task.file, failureMessage(outcome, task.file, options), options) : outcome;
    },
    close: () => pool.close(),
  };
}

function inlineRunner(options: RunOptions): Runner {
  return { run: (task) => checkFile(task, options), close: async () => undefined };
}

function failureMessage(failure: TaskFailure, file: string, options: RunOptions): string {
  return failure.failure === 'timeout' ? timeoutMessage(failure.ms / 1000, file, options.lang) : crashMessage(failure.message, file, options.lang);
}

/** Tasks started ahead of the one being written, per thread: enough to keep every thread busy behind a slow file. */
const WINDOW_PER_THREAD = 8;

interface Context {
  args: CheckArgs;
  io: Io;
  runner: Runner;
  window: number;
}

export async function runCheck(args: CheckArgs, io: Io): Promise<number> {
  if (args.lastYear) {
    const lastYear = await readLastYear(args.lastYear, args.lang);
    if (isUnreadable(lastYear)) {
      io.stderr(`nianbao: ${lastYear.error}\n`);
      return EXIT_UNREADABLE;
    }
  }
  const { inputs, skipped } = listInputs(args.files, REPORT_EXTENSIONS);
  if (args.summary && inputs.some((i) => path.resolve(i.file) === path.resolve(args.summary as string))) {
    io.stderr(`nianbao: 汇总表不能写入被检查的文件：${args.summary}\n`);
    return EXIT_UNREADABLE;
  }
  // Bodies are looked for only where the summary shows them or years are paired by them.
  const identify = Boolean(args.summary) || (!args.lastYear && inputs.length > 1);
  const options: RunOptions = { format: args.format, year: args.year, lang: args.lang, all: args.all, json: args.json, lastYearFile: args.lastYear, identify };
  let summary: SummaryWriter | undefined;
  if (args.summary) {
    try {
      summary = openSummary(args.summary);
    } catch (e) {
      io.stderr(`nianbao: 无法写入汇总表（${(e as { code?: string }).code ?? String(e)}）：${args.summary}\n`);
      return EXIT_UNREADABLE;
    }
  }

  const jobs = Math.min(args.jobs ?? os.availableParallelism(), inputs.length);
  const context: Context = {
    args,
    io,
    runner: inputs.length > 1 ? threadRunner(jobs, args.timeout * 1000, options) : inlineRunner(options),
    window: jobs * WINDOW_PER_THREAD,
  };
  const writer = new ResultWriter(args, io, summary, skipped, inputs.length);
  try {
    // Years are paired among the files of the run, unless --last-year names one for all.
    const results = args.lastYear || inputs.length < 2 ? checkInOrder(inputs, context) : checkPaired(inputs, context);
    for await (const result of results) await writer.add(result);
    return await writer.close();
  } finally {
    await context.runner.close();
  }
}

function checkInOrder(inputs: Input[], { args, io, runner, window }: Context): AsyncGenerator<FileResult> {
  const progress = startProgress('检查', inputs.length, progressOptions(args, io));
  return withProgress(mapOrdered(inputs, (input) => runner.run(input), window), progress);
}

function progressOptions(args: CheckArgs, io: Io): { interactive: boolean; write: (text: string) => void; columns?: number } {
  return { interactive: io.interactive && !args.quiet, write: io.stderr, columns: process.stderr.columns };
}

async function* withProgress<R>(results: AsyncIterable<R>, progress: Progress): AsyncGenerator<R> {
  try {
    for await (const result of results) {
      progress.increment();
      yield result;
    }
  } finally {
    progress.stop();
  }
}

/**
 * Every file checked alone first, results kept on disk with each report's body and year; then
 * each report paired with its body's report of the year before, and only the paired ones (and
 * those with two candidates, to say so) checked again. A run of one year reads each file once.
 */
async function* checkPaired(inputs: Input[], context: Context): AsyncGenerator<FileResult> {
  const { args, io, runner, window } = context;
  const spool = new Spool<FileResult>();
  try {
    const identities: ReportIdentity[] = [];
    for await (const result of checkInOrder(inputs, context)) {
      // Only what pairing needs stays in memory: a body and a year per file.
      identities.push(result.identity ?? {});
      await spool.add(result);
    }
    const notes = pairByYear(identities).map((pairing, k): LastYearNote | undefined => {
      if (pairing.lastYear !== undefined) return { file: inputs[pairing.lastYear].file };
      if (!pairing.candidates) return undefined;
      const note = { candidates: pairing.candidates.slice(0, 2).map((i) => inputs[i].file), count: pairing.candidates.length };
      io.stderr(`nianbao: ${pairingWarning(inputs[k].file, note, args.lang)}\n`);
      return note;
    });
    const progress = startProgress('跨年度核对', notes.filter(Boolean).length, progressOptions(args, io));
    const recheck = async (first: FileResult, k: number): Promise<FileResult> => {
      const note = notes[k];
      if (!note) return first;
      const result = await runner.run({ file: inputs[k].file, lastYear: note });
      progress.increment();
      return result;
    };
    try {
      yield* mapOrdered(spool.read(), recheck, window);
    } finally {
      progress.stop();
    }
  } finally {
    spool.dispose();
  }
}

/** Writes each file's result as it comes (text or JSON, the summary's row), counts, and decides the exit code. */
class ResultWriter {
  private readonly counts: RunCounts;
  private readonly json?: JsonFilesWriter;
  private exit = EXIT_OK;

  constructor(
    private readonly args: CheckArgs,
    private readonly io: Io,
    private readonly summary: SummaryWriter | undefined,
    skipped: RunCounts['skipped'],
    files: number,
  ) {
    this.counts = { files, failed: 0, unreadable: 0, errors: 0, warnings: 0, skipped };
    if (args.json) this.json = new JsonFilesWriter(io.stdout);
  }

  async add(result: FileResult): Promise<void> {
    if (this.json) this.json.add(result.output);
    else this.io.stdout(result.output);
    await this.summary?.add(result.row);
    this.counts.errors += result.errors;
    this.counts.warnings += result.warnings;
    if (result.verdict === 'unreadable') {
      this.counts.unreadable++;
      this.exit = EXIT_UNREADABLE;
    } else if (result.verdict === 'errors') {
      this.counts.failed++;
      if (this.exit === EXIT_OK) this.exit = EXIT_ERRORS;
    }
  }

  async close(): Promise<number> {
    await this.summary?.close();
    if (this.json) this.json.close();
    else this.io.stdout(`${renderSummary(this.counts, this.args.lang)}\n`);
    return this.exit;
  }
}
