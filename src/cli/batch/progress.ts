/**
 * The progress bar of a long run, on stderr when it is a terminal: files done / total, files per
 * second and time left (cli-progress draws it in place and estimates the time left). Nothing
 * at all otherwise: a log file or a pipe gets only the results.
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  increment(): void;
  stop(): void;
}

const SILENT: Progress = { increment: () => undefined, stop: () => undefined };

/**
 * A bar labelled `label` over `total` files, drawn through `write` (stderr) when `interactive`.
 * `columns` is the terminal's width.
 */
export function startProgress(label: string, total: number, options: { interactive: boolean; write: (text: string) => void; columns?: number }): Progress {
  if (!options.interactive || total === 0) return SILENT;
  // cli-progress draws on a stream; this is the part of one it uses.
  const stream = { isTTY: true, columns: options.columns ?? 80, write: (text: string) => (options.write(text), true) } as unknown as NodeJS.WritableStream;
  const started = Date.now();
  let done = 0;
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {value}/{total} 个文件 | {speed} 个/秒 | 剩余 {eta_formatted}`,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    etaBuffer: 200,
    fps: 5,
  });
  const speed = (): string => {
    const seconds = (Date.now() - started) / 1000;
    return seconds > 0 ? (done / seconds).toFixed(1) : '—';
  };
  bar.start(total, 0, { speed: '—' });
  return {
    increment(): void {
      done++;
      bar.increment(1, { speed: speed() });
    },
    stop(): void {
      bar.update(done, { speed: speed() });
      bar.stop();
    },
  };
}
