/** docs/rules.md is generated from the rule data; it must match what the data says today. */
import * as fs from 'fs';
import * as path from 'path';
import { rulesDoc } from '../scripts/docs';
import { ALL_CODES } from '../src/core/rules/codes';

test('docs/rules.md is up to date (run `npm run docs` after changing formats or rules)', () => {
  const committed = fs.readFileSync(path.resolve(__dirname, '../docs/rules.md'), 'utf8');
  expect(committed).toBe(rulesDoc());
});

test('every code is documented', () => {
  const doc = rulesDoc();
  for (const code of ALL_CODES) expect(doc).toContain(`| \`${code}\` |`);
  expect(doc).toContain('| `t3.rowTotal` | 错误 |');
  expect(doc).toMatch(/\| `t3\.rowTotal` \| 错误 \| [^|]+ \| 23 \| 25 \|/);
});
