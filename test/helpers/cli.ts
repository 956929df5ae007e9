/** Running the `nianbao` command in-process with its output captured. */
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';

export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { stdout: (t) => (out += t), stderr: (t) => (err += t), interactive: false };
  const code = await main(argv, io);
  return { code, out, err };
}
