/**
 * The fake must also run in a browser bundle (a preview page): it compiles against ES2022 and the
 * Office.js typings alone — no DOM, no Node types — so a stray `process`, `Buffer` or `document`
 * fails here.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

test('src/fake-excel compiles with lib ES2022, no DOM and no Node types', () => {
  const dir = __dirname;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    lib: ['lib.es2022.d.ts'],
    types: ['office-js'],
    typeRoots: [path.resolve(dir, '../../node_modules/@types')],
    strict: true,
    noUnusedLocals: true,
    noEmit: true,
    skipLibCheck: true,
    isolatedModules: true,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(diagnostics).toEqual([]);
});
