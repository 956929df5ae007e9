/** Pairing reports with the same body's report of the year before (core, pure). */
import { detectBody } from '../../src/core/narrative/body';
import { bodyKey, pairByYear } from '../../src/core/pairing';

const key = (title: string[]): string | undefined => bodyKey(detectBody(title));

test('title variants of one body give one key', () => {
  const variants = [
    ['某县人民政府2022年政府信息公开工作年度报告'],
    ['2021年某县人民政府政府信息公开工作年度报告'],
    ['某县人民政府（汇总全区）', '2020年度政府信息公开工作年度报告'],
    ['某县人民政府(汇总全区)2019年政府信息公开工作年度报告'],
    ['《某县人民政府关于2018年度政府信息公开工作年度报告》'],
    ['  某 县 人 民 政 府  ', '2023 年政府信息公开工作年度报告'],
  ];
  const keys = variants.map(key);
  expect(keys[0]).toBe('某县人民政府');
  for (const k of keys) expect(k).toBe(keys[0]);
});

test('different bodies stay apart: 人民政府 ≠ 人民政府办公室', () => {
  expect(key(['某县人民政府办公室2022年政府信息公开工作年度报告'])).toBe('某县人民政府办公室');
  expect(key(['某县人民政府办公室2022年政府信息公开工作年度报告'])).not.toBe(key(['某县人民政府2021年政府信息公开工作年度报告']));
  expect(bodyKey(undefined)).toBeUndefined();
  expect(bodyKey(' （汇总） ')).toBeUndefined();
});

test('each report is paired with the same body one year earlier; unknown body or year stays alone', () => {
  const pairs = pairByYear([
    { body: 'A', year: 2022 },
    { body: 'A', year: 2021 },
    { body: 'B', year: 2022 },
    { body: 'A办公室', year: 2021 },
    { body: 'A', year: 2020 },
    { year: 2021 },
    { body: 'A' },
  ]);
  expect(pairs).toEqual([{ lastYear: 1 }, { lastYear: 4 }, {}, {}, {}, {}, {}]);
});

test('two candidates for last year: no pairing, both named', () => {
  const pairs = pairByYear([
    { body: 'A', year: 2021 },
    { body: 'A', year: 2022 },
    { body: 'A', year: 2021 },
  ]);
  expect(pairs[1]).toEqual({ candidates: [0, 2] });
  expect(pairs[0]).toEqual({});
});
