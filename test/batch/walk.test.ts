/** Listing the files of a run: folders walked in path order, hidden, unsupported and links skipped and counted. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listInputs } from '../../src/cli/batch/walk';

const SUPPORTED = ['.xlsx', '.html', '.htm', '.txt', '.json'];
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-walk-'));
  const files = ['b/2022/r.xlsx', 'b/2021/r.HTML', 'a/x.txt', 'a/y.json', 'a/z.htm', 'a/notes.docx.bak', 'a/.~lock.x.xlsx#', '.hidden/r.txt', 'a/sub/readme.md', 'top.txt', 'empty/.keep'];
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
    fs.writeFileSync(path.join(tmp, f), 'x');
  }
  fs.symlinkSync(path.join(tmp, 'a'), path.join(tmp, 'b', 'loop'));
  fs.symlinkSync(path.join(tmp, 'top.txt'), path.join(tmp, 'b', 'link.txt'));
  // A FIFO named like a report: not a regular file, so skipped (reading it could wait forever).
  execFileSync('mkfifo', [path.join(tmp, 'a', 'pipe.txt')]);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('folders walked recursively in path order; skipped entries counted', () => {
  const { inputs, skipped } = listInputs([path.join(tmp, 'b'), path.join(tmp, 'top.txt'), tmp], SUPPORTED);
  const rel = inputs.map((i) => path.relative(tmp, i.file));
  expect(rel).toEqual([
    'b/2021/r.HTML',
    'b/2022/r.xlsx',
    'top.txt',
    'a/x.txt',
    'a/y.json',
    'a/z.htm',
    'b/2021/r.HTML',
    'b/2022/r.xlsx',
    'top.txt',
  ]);
  expect(inputs.every((i) => i.error === undefined)).toBe(true);
  // The walk of tmp sees: .hidden, a/.~lock…, empty/.keep hidden; a/notes.docx.bak, a/sub/readme.md
  // and the FIFO a/pipe.txt unsupported; b/loop and b/link.txt links, twice (b named, then in tmp).
  // An empty folder inside a walk is passed over without a word.
  expect(skipped.hidden).toBe(3);
  expect(skipped.links).toBe(4);
  expect(skipped.unsupported).toBe(3);
});

test('a named folder with nothing to check is reported, a named file is kept whatever its type', () => {
  const { inputs } = listInputs([path.join(tmp, 'empty'), path.join(tmp, 'a', 'notes.docx.bak'), path.join(tmp, 'missing')], SUPPORTED);
  expect(inputs[0]).toEqual({ file: path.join(tmp, 'empty'), error: expect.stringContaining('文件夹中没有可检查的报告文件') });
  expect(inputs.slice(1)).toEqual([{ file: path.join(tmp, 'a', 'notes.docx.bak') }, { file: path.join(tmp, 'missing') }]);
});
