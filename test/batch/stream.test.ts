/** `--json` streamed: the same bytes as stringifying the whole run; the progress bar only on a terminal. */
import { JsonFilesWriter } from '../../src/cli/batch/json-stream';
import { startProgress } from '../../src/cli/batch/progress';

test.each([[[]], [[{ file: 'a', n: 1 }]], [[{ file: 'a', cells: { x: 1, y: null }, text: 'line\nbreak' }, { file: 'b', error: '文件为空' }, { file: 'c', findings: [] }]]])(
  'the streamed document equals JSON.stringify of the whole (%j)',
  (files) => {
    let out = '';
    const writer = new JsonFilesWriter((t) => (out += t));
    for (const f of files) writer.add(JSON.stringify(f, null, 2));
    writer.close();
    expect(out).toBe(`${JSON.stringify({ files }, null, 2)}\n`);
  },
);

test('the bar shows done / total, files per second and time left on a terminal; nothing otherwise', () => {
  let drawn = '';
  const bar = startProgress('检查', 3, { interactive: true, write: (t) => (drawn += t), columns: 120 });
  bar.increment();
  bar.increment();
  bar.increment();
  bar.stop();
  expect(drawn).toContain('3/3 个文件');
  expect(drawn).toMatch(/\d+(\.\d)? 个\/秒/);
  expect(drawn).toContain('剩余 0s');

  let silent = '';
  const none = startProgress('检查', 3, { interactive: false, write: (t) => (silent += t) });
  none.increment();
  none.stop();
  expect(silent).toBe('');
});
