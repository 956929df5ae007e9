/**
 * The docx library's typings reference Node's (`/// <reference types="node" />`, resolved to its
 * own copy of @types/node), so once the core imports it, `tsc -p tsconfig.core.json` no longer
 * fails on a stray `Buffer` or `process`. This compiles src/core with that reference refused:
 * only the core's own code is held to "no Node" (errors inside library typings are skipped).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const CORE = path.resolve(__dirname, '../../src/core');

function coreFiles(dir = CORE): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? coreFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

function compile(extra: { name: string; text: string }[] = []): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    isolatedModules: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const virtual = new Map(extra.map((f) => [path.join(CORE, f.name), f.text]));
  host.readFile = (file) => virtual.get(file) ?? read(file);
  host.fileExists = (file) => virtual.has(file) || exists(file);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError) => (virtual.has(file) ? ts.createSourceFile(file, virtual.get(file) as string, language) : getSourceFile(file, language, onError));
  // `/// <reference types="node" />` in a library's typings resolves to nothing.
  host.resolveTypeReferenceDirectiveReferences = (references, containingFile, redirected, opts, sourceFile) =>
    references.map((r) => {
      const name = typeof r === 'string' ? r : r.fileName.toLowerCase();
      if (name === 'node') return { resolvedTypeReferenceDirective: undefined };
      return ts.resolveTypeReferenceDirective(name, containingFile, opts, host, redirected, undefined, sourceFile?.impliedNodeFormat);
    });
  const program = ts.createProgram([...coreFiles(), ...virtual.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.relative(CORE, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

test('src/core compiles with no Node types even though docx’s typings ask for them', () => {
  expect(compile()).toEqual([]);
});

test('… and a Node global in the core fails that compile', () => {
  const problems = compile([{ name: 'zz-node-probe.ts', text: "export const probe = Buffer.from('x').length + process.pid;\n" }]);
  expect(problems.join('\n')).toMatch(/zz-node-probe\.ts: Cannot find name 'Buffer'/);
  expect(problems.join('\n')).toMatch(/zz-node-probe\.ts: Cannot find name 'process'/);
});
