/**
 * 「检查文件」's refusals say the same as the command line's (one text in core/import/refusals.ts),
 * the file's name added by the pane.
 */
import { FileRefusal, readReportBytes } from '../../src/taskpane/file';

async function refusal(name: string, bytes: Uint8Array): Promise<string> {
  const error = await readReportBytes(name, bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileRefusal);
  return (error as FileRefusal).message;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

test('a file over 20 MB is refused before it is read, with its size', async () => {
  expect(await refusal('huge.txt', new Uint8Array(21 * 1024 * 1024))).toBe('文件超过 20 MB 的上限（21.0 MB）');
});

test('a page nested absurdly deep gets the command line\'s advice: copy the report into a .txt file', async () => {
  expect(await refusal('deep.html', text('<div/>'.repeat(20_000)))).toBe(
    '网页的标签嵌套超过 500 层，不像是正常的网页，无法读取；请在浏览器中打开该网页，将年报正文和表格复制到文本文件（.txt）后再检查',
  );
});

test('an empty file and a type the pane does not open are named as such', async () => {
  expect(await refusal('r.txt', new Uint8Array(0))).toBe('文件为空');
  expect(await refusal('r.doc', text('x'))).toMatch(/^不支持的文件类型 \.doc：.*另存为 \.docx/);
});

test('a readable page is read, not refused', async () => {
  const read = await readReportBytes('r.html', text('<p>一、总体情况</p><table><tr><td>收到</td></tr></table>'));
  expect(read.text).toContain('一、总体情况');
});
