/**
 * A fixed number of worker threads running one task at a time each, with a time limit per task.
 * A worker that runs past the limit is terminated and replaced, and so is one that crashes; the
 * task is then answered with a `TaskFailure` instead of a result, and the pool goes on with the
 * next. A pool of our own rather than a library's: what matters here — terminating exactly the
 * worker stuck on one file, starting the clock only once a worker has loaded its modules — is
 * a few lines on `node:worker_threads`.
 *
 * The worker script answers `ready` once loaded, then `{ id, result }` for each `{ id, task }`
 * (`serveTasks` below is its side of this).
 */
import { parentPort, Worker } from 'worker_threads';

export type TaskFailure = { failure: 'timeout'; ms: number } | { failure: 'crash'; message: string };

export function isFailure<R>(outcome: R | TaskFailure): outcome is TaskFailure {
  return typeof outcome === 'object' && outcome !== null && 'failure' in outcome;
}

export interface PoolOptions {
  /** The worker script: a compiled `.js` file. */
  script: string;
  size: number;
  /** Time a task may take, from the moment a ready worker receives it. */
  timeoutMs: number;
  /** Given to every worker as `workerData`. */
  workerData?: unknown;
}

interface Pending<T, R> {
  task: T;
  resolve: (outcome: R | TaskFailure) => void;
}

interface Slot<T, R> {
  worker: Worker;
  ready: boolean;
  running?: Pending<T, R> & { id: number; timer: NodeJS.Timeout };
}

export class WorkerPool<T, R> {
  private readonly slots = new Set<Slot<T, R>>();
  private readonly queue: Pending<T, R>[] = [];
  private nextId = 0;
  private closed = false;
  /** Set when a worker fails before it is ready: every other would too, so tasks are answered with this. */
  private broken?: TaskFailure;

  constructor(private readonly options: PoolOptions) {
    for (let k = 0; k < Math.max(1, options.size); k++) this.spawn();
  }

  /** The task's result, or why there is none; never rejects. */
  run(task: T): Promise<R | TaskFailure> {
    if (this.closed) throw new Error('pool closed');
    if (this.broken) return Promise.resolve(this.broken);
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
    this.slots.clear();
  }

  private spawn(): void {
    const worker = new Worker(this.options.script, { workerData: this.options.workerData });
    const slot: Slot<T, R> = { worker, ready: false };
    this.slots.add(slot);
    worker.on('message', (message: { ready?: true; id?: number; result?: R }) => {
      if (message.ready) {
        slot.ready = true;
      } else if (slot.running && message.id === slot.running.id) {
        const { resolve, timer } = slot.running;
        clearTimeout(timer);
        slot.running = undefined;
        resolve(message.result as R);
      }
      this.dispatch();
    });
    worker.on('error', (err) => this.replace(slot, { failure: 'crash', message: err.message }));
    worker.on('exit', (code) => this.replace(slot, { failure: 'crash', message: `工作线程意外退出（退出码 ${code}）` }));
  }

  /** Ends `slot`'s worker (if still running), answers its task with `failure`, starts another. */
  private replace(slot: Slot<T, R>, failure: TaskFailure): void {
    if (!this.slots.delete(slot)) return;
    const running = slot.running;
    slot.running = undefined;
    if (running) {
      clearTimeout(running.timer);
      running.resolve(failure);
    }
    void slot.worker.terminate();
    if (this.closed) return;
    if (!slot.ready) {
      // The script itself fails to load: starting another would fail the same way, forever.
      this.broken = failure;
      for (const pending of this.queue.splice(0)) pending.resolve(failure);
      return;
    }
    this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.running) continue;
      const pending = this.queue.shift() as Pending<T, R>;
      const id = this.nextId++;
      const ms = this.options.timeoutMs;
      const timer = setTimeout(() => this.replace(slot, { failure: 'timeout', ms }), ms);
      slot.running = { ...pending, id, timer };
      slot.worker.postMessage({ id, task: pending.task });
    }
  }
}

/**
 * Runs `run` over `items` with at most `window` tasks started and not yet yielded, yielding the
 * results in the order of `items` whatever order they finish in. Memory holds `window` results
 * at most, however many items there are.
 */
export async function* mapOrdered<T, R>(items: Iterable<T> | AsyncIterable<T>, run: (item: T, index: number) => Promise<R>, window: number): AsyncGenerator<R> {
  const started: Promise<R>[] = [];
  let index = 0;
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  const startNext = async (): Promise<void> => {
    const next = await iterator.next();
    if (!next.done) started.push(run(next.value, index++));
  };
  for (let k = 0; k < Math.max(1, window); k++) await startNext();
  while (started.length > 0) {
    yield await (started.shift() as Promise<R>);
    await startNext();
  }
}

/** The worker's side: answers `ready`, then each task with `handle`'s result. */
export function serveTasks<T, R>(handle: (task: T) => Promise<R> | R): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs in a worker thread');
  port.on('message', async ({ id, task }: { id: number; task: T }) => {
    port.postMessage({ id, result: await handle(task) });
  });
  port.postMessage({ ready: true });
}
