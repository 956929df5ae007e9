#!/usr/bin/env node
'use strict';
// Ctrl-C ends the run through process.exit, so temporary files are removed ('exit' handlers run).
process.once('SIGINT', () => process.exit(130));
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the prepare script).
require('../dist/src/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`nianbao: 内部错误：${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
