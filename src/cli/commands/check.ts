/**
 * `nianbao check`: lists the files (folders walked), pairs each report with its body's report of
 * the year before, checks every file on worker threads, writes each file's result as soon as
 * it and those before it are done (input order), and decides the exit code.
 */
import * as os from 'os';
import * as path from 'path';
import { pairByYear } from '../../core/pairing';
import type { CheckArgs } from '../args';
import { checkFile, crashMessage, identify, timeoutMessage, unreadableResult, type FileResult, type FileTask, type Identity, type RunOptions } from '../batch/file-task';
import { JsonFilesWriter } from '../batch/json-stream';
import { isFailure, mapOrdered, WorkerPool, type TaskFailure } from '../batch/pool';
import { startProgress } from '../batch/progress';
import { openSummary, type SummaryWriter } from '../batch/summary';
import { listInputs, type Input } from '../batch/walk';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, type Io } from '../io';
import { isUnreadable, readLastYear } from '../load';
import { REPORT_EXTENSIONS } from '../read-file';
import { describeLastYear, renderSummary, type LastYearNote, type RunCounts } from '../render';

/**
 * The compiled worker script. Under ts-jest this module is the TypeScript source, which a worker
 * thread cannot run: the build's copy is used (tests that check many files need `npm run build`).
 */
function workerScript(): string {
  return __filename.endsWith('.ts') ? path.resolve(__dirname, '../../../dist/src/cli/batch/worker.js') : path.join(__dirname, '../batch/worker.js');
}

/** Runs file tasks: on worker threads for a run of many files, in this thread for one file. */
interface Runner {
  run<R extends Identity | FileResult>(task: FileTask): Promise<R | TaskFailure>;
  close(): Promise<void>;
}

function threadRunner(size: number, timeoutMs: number, options: RunOptions): Runner {
  const pool = new WorkerPool<FileTask, Identity | FileResult>({ script: workerScript(), size, timeoutMs, workerData: options });
  return { run: (task) => pool.run(task) as Promise<never>, close: () => pool.close() };
}

function inlineRunner(options: RunOptions): Runner {
  return {
    run: (task) => (task.kind === 'identify' ? identify(task.file, options) : checkFile(task, options)) as Promise<never>,
    close: async () => undefined,
  };
}

function failureMessage(failure: TaskFailure, file: string, options: RunOptions): string {
  return failure.failure === 'timeout' ? timeoutMessage(failure.ms / 1000, file, options.lang) : crashMessage(failure.message, file, options.lang);
}

/** Tasks started ahead of the one being written, per thread: enough to keep every thread busy behind a slow file. */
const WINDOW_PER_THREAD = 8;

export async function runCheck(args: CheckArgs, io: Io): Promise<number> {
  const options: RunOptions = { format: args.format, year: args.year, lang: args.lang, all: args.all, json: args.json, lastYearFile: args.lastYear };
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

  const jobs = Math.min(args.jobs ?? os.availableParallelism(), inputs.length);
  const runner = inputs.length > 1 ? threadRunner(jobs, args.timeout * 1000, options) : inlineRunner(options);
  let summary: SummaryWriter | undefined;
  if (args.summary) {
    try {
      summary = openSummary(args.summary);
    } catch (e) {
      io.stderr(`nianbao: 无法写入汇总表（${(e as { code?: string }).code ?? String(e)}）：${args.summary}\n`);
      return EXIT_UNREADABLE;
    }
  }
  try {
    const notes = args.lastYear || inputs.length < 2 ? [] : await pairYears(inputs, runner, jobs, { args, io, options });
    return await checkAll(inputs, notes, runner, jobs, { args, io, options, summary, skipped });
  } finally {
    await runner.close();
  }
}

/** Pass 1: every report's body and year; each report paired with its body's report of the year before. */
async function pairYears(inputs: Input[], runner: Runner, jobs: number, { args, io, options }: Pick<CheckContext, 'args' | 'io' | 'options'>): Promise<(LastYearNote | undefined)[]> {
  const progress = startProgress('识别单位和年度', inputs.length, { interactive: io.interactive && !args.quiet, write: io.stderr, columns: process.stderr.columns });
  const identities: Identity[] = [];
  const identifyOne = async (input: Input): Promise<Identity> => {
    if (input.error !== undefined) return {};
    const outcome = await runner.run<Identity>({ kind: 'identify', file: input.file });
    return isFailure(outcome) ? { error: failureMessage(outcome, input.file, options) } : outcome;
  };
  for await (const identity of mapOrdered(inputs, identifyOne, jobs * WINDOW_PER_THREAD)) {
    const k = identities.length;
    // A file that cannot be read (or timed out, or crashed its thread) is not tried a second time.
    if (identity.error !== undefined) inputs[k] = { file: inputs[k].file, error: identity.error };
    // Only what pairing needs is kept: a body and a year per file.
    identities.push({ body: identity.body, year: identity.year });
    progress.increment();
  }
  progress.stop();
  return pairByYear(identities).map((pairing, k) => {
    if (pairing.lastYear !== undefined) return { file: inputs[pairing.lastYear].file };
    if (!pairing.candidates) return undefined;
    const note = { candidates: pairing.candidates.map((i) => inputs[i].file) };
    io.stderr(`nianbao: ${args.lang === 'en' ? 'warning' : '警告'}：${inputs[k].file}：${describeLastYear(note, args.lang)}\n`);
    return note;
  });
}

interface CheckContext {
  args: CheckArgs;
  io: Io;
  options: RunOptions;
  summary?: SummaryWriter;
  skipped: RunCounts['skipped'];
}

/** Pass 2: every file checked, its result written in input order as soon as it is its turn. */
async function checkAll(inputs: Input[], notes: (LastYearNote | undefined)[], runner: Runner, jobs: number, context: CheckContext): Promise<number> {
  const { args, io, options, summary } = context;
  const counts: RunCounts = { files: inputs.length, failed: 0, unreadable: 0, errors: 0, warnings: 0, skipped: context.skipped };
  const json = args.json ? new JsonFilesWriter(io.stdout) : undefined;
  const progress = startProgress('检查', inputs.length, { interactive: io.interactive && !args.quiet, write: io.stderr, columns: process.stderr.columns });
  const checkOne = async (input: Input, k: number): Promise<FileResult> => {
    const outcome = await runner.run<FileResult>({ kind: 'check', file: input.file, lastYear: notes[k], error: input.error });
    return isFailure(outcome) ? unreadableResult(input.file, failureMessage(outcome, input.file, options), options) : outcome;
  };
  let exit = EXIT_OK;
  for await (const result of mapOrdered(inputs, checkOne, jobs * WINDOW_PER_THREAD)) {
    if (json) json.add(result.output);
    else io.stdout(result.output);
    await summary?.add(result.row);
    counts.errors += result.errors;
    counts.warnings += result.warnings;
    if (result.verdict === 'unreadable') {
      counts.unreadable++;
      exit = EXIT_UNREADABLE;
    } else if (result.verdict === 'errors') {
      counts.failed++;
      if (exit === EXIT_OK) exit = EXIT_ERRORS;
    }
    progress.increment();
  }
  progress.stop();
  await summary?.close();
  if (json) json.close();
  else io.stdout(`${renderSummary(counts, args.lang)}\n`);
  return exit;
}
