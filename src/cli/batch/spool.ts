/**
 * Items kept on disk instead of in memory, in order: written one at a time as they come, read
 * back one at a time. A run of 100,000 files keeps its per-file results here between passes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';

/** Resolves once `stream` can take more (back-pressure), so writes never pile up in memory. */
export function writeTo(stream: fs.WriteStream, text: string): Promise<void> {
  return stream.write(text) ? Promise.resolve() : new Promise((resolve) => stream.once('drain', resolve));
}

export function endStream(stream: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(resolve);
  });
}

/** Spools not yet disposed of: removed when the process exits mid-run (the launcher turns Ctrl-C into an exit). */
const open = new Set<string>();
let cleanupRegistered = false;

function removeOpenSpools(): void {
  for (const dir of open) fs.rmSync(dir, { recursive: true, force: true });
}

/** A temporary file of JSON lines, removed by `dispose`. */
export class Spool<T> {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-'));
  private readonly file = path.join(this.dir, 'spool.ndjson');
  private readonly stream = fs.createWriteStream(this.file);
  count = 0;

  constructor() {
    open.add(this.dir);
    if (!cleanupRegistered) process.once('exit', removeOpenSpools);
    cleanupRegistered = true;
  }

  add(item: T): Promise<void> {
    this.count++;
    // JSON text holds no raw line break: one item a line.
    return writeTo(this.stream, `${JSON.stringify(item)}\n`);
  }

  /** The items in the order added; call once, after the last `add`. */
  async *read(): AsyncGenerator<T> {
    await endStream(this.stream);
    const lines = readline.createInterface({ input: fs.createReadStream(this.file), crlfDelay: Infinity });
    for await (const line of lines) yield JSON.parse(line) as T;
  }

  dispose(): void {
    this.stream.destroy();
    fs.rmSync(this.dir, { recursive: true, force: true });
    open.delete(this.dir);
  }
}
