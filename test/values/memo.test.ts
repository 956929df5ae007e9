import { BoundedMap } from '../../src/core/memo';

test('a bounded memo forgets everything once full, then fills again', () => {
  const memo = new BoundedMap<string, number>(3);
  for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) memo.set(k, v);
  expect([...memo.entries()]).toEqual([['a', 1], ['b', 2], ['c', 3]]);
  memo.set('d', 4);
  expect([...memo.entries()]).toEqual([['d', 4]]);
  // Overwriting a key keeps one entry.
  memo.set('d', 5);
  expect(memo.get('d')).toBe(5);
  expect(memo.size).toBe(1);
});
