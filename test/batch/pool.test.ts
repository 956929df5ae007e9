/** The worker pool: order kept, a hung or crashing task answered with a failure, the pool goes on. */
import * as path from 'path';
import { isFailure, mapOrdered, WorkerPool } from '../../src/cli/batch/pool';

type Task = { op: 'echo' | 'hang' | 'throw' | 'exit' | 'sleep'; value: number; ms?: number };
type Result = { value: number; thread: number };
const SCRIPT = path.join(__dirname, 'fixtures', 'test-worker.js');

async function collect<R>(it: AsyncIterable<R>): Promise<R[]> {
  const out: R[] = [];
  for await (const r of it) out.push(r);
  return out;
}

test('results come in input order whatever order they finish in, with two workers', async () => {
  const pool = new WorkerPool<Task, Result>({ script: SCRIPT, size: 2, timeoutMs: 5000 });
  try {
    const tasks: Task[] = [80, 5, 40, 0, 20, 0].map((ms, value) => ({ op: 'sleep', value, ms }));
    const results = await collect(mapOrdered(tasks, (t) => pool.run(t), 4));
    expect(results.map((r) => (isFailure(r) ? r : r.value))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(results.map((r) => (isFailure(r) ? 0 : r.thread))).size).toBe(2);
  } finally {
    await pool.close();
  }
});

test('a task that hangs is answered "timeout", its worker replaced, the next tasks run', async () => {
  const pool = new WorkerPool<Task, Result>({ script: SCRIPT, size: 1, timeoutMs: 300 });
  try {
    const tasks: Task[] = [{ op: 'echo', value: 1 }, { op: 'hang', value: 2 }, { op: 'echo', value: 3 }];
    const results = await collect(mapOrdered(tasks, (t) => pool.run(t), 3));
    expect(results[0]).toMatchObject({ value: 1 });
    expect(results[1]).toEqual({ failure: 'timeout', ms: 300 });
    expect(results[2]).toMatchObject({ value: 3 });
    expect((results[2] as Result).thread).not.toBe((results[0] as Result).thread);
  } finally {
    await pool.close();
  }
});

test('a task that throws or exits the thread is answered "crash"; the pool goes on', async () => {
  const pool = new WorkerPool<Task, Result>({ script: SCRIPT, size: 2, timeoutMs: 5000 });
  try {
    const tasks: Task[] = [{ op: 'throw', value: 1 }, { op: 'exit', value: 2 }, { op: 'echo', value: 3 }, { op: 'echo', value: 4 }];
    const results = await collect(mapOrdered(tasks, (t) => pool.run(t), 2));
    expect(results[0]).toEqual({ failure: 'crash', message: 'boom 1' });
    expect(results[1]).toEqual({ failure: 'crash', message: expect.stringContaining('退出码 3') });
    expect(results.slice(2).map((r) => (r as Result).value)).toEqual([3, 4]);
  } finally {
    await pool.close();
  }
});

test('mapOrdered keeps at most `window` tasks started and not yet yielded', async () => {
  let started = 0;
  let yielded = 0;
  let most = 0;
  const run = async (n: number): Promise<number> => {
    started++;
    most = Math.max(most, started - yielded);
    await new Promise((r) => setTimeout(r, n % 3));
    return n;
  };
  const out: number[] = [];
  for await (const n of mapOrdered(Array.from({ length: 50 }, (_, i) => i), run, 4)) {
    out.push(n);
    yielded++;
  }
  expect(out).toEqual(Array.from({ length: 50 }, (_, i) => i));
  expect(most).toBeLessThanOrEqual(4);
});

test('a worker script that fails to load answers every task "crash" instead of restarting forever', async () => {
  const pool = new WorkerPool<Task, Result>({ script: path.join(__dirname, 'fixtures', 'missing-worker.js'), size: 2, timeoutMs: 5000 });
  try {
    const results = await collect(mapOrdered([1, 2, 3].map((value): Task => ({ op: 'echo', value })), (t) => pool.run(t), 3));
    expect(results).toHaveLength(3);
    for (const r of results) expect(r).toEqual({ failure: 'crash', message: expect.stringContaining('missing-worker.js') });
  } finally {
    await pool.close();
  }
});
