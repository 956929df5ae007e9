/** Entry of the `nianbao` command: wires argv and the process to the command handlers. */
import { HELP, parseArgs, UsageError } from './args';
import { runCheck } from './commands/check';
import { EXIT_UNREADABLE, type Io } from './io';
import { runExport } from './commands/export';
import { runNarrate } from './commands/narrate';
import { runTemplate } from './commands/template';

import { version as VERSION } from '../../package.json';

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`nianbao: ${err.message}\n运行 nianbao --help 查看用法。\n`);
      return EXIT_UNREADABLE;
    }
    throw err;
  }
  switch (args.command) {
    case 'help':
      io.stdout(HELP);
      return 0;
    case 'version':
      io.stdout(`${VERSION}\n`);
      return 0;
    case 'check':
      return runCheck(args, io);
    case 'narrate':
      return runNarrate(args, io);
    case 'export':
      return runExport(args, io);
    case 'template':
      return runTemplate(args, io);
  }
}

function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: Boolean(process.stderr.isTTY),
  };
}
