import * as fs from 'fs';
import * as path from 'path';
import { jsonErrorOffset, JsonReadError, readJson } from '../../src/core/import/json';
import { FIXTURES } from '../helpers/fixtures';

function errorOf(text: string): JsonReadError {
  try {
    readJson(text);
  } catch (e) {
    if (e instanceof JsonReadError) return e;
    throw e;
  }
  throw new Error('expected a JsonReadError');
}

describe('readJson', () => {
  test('the fixtures\' transcriptions load: cells and metadata, other keys ignored', () => {
    const result = readJson(fs.readFileSync(path.join(FIXTURES, 'shanghai-2019.cells.json'), 'utf8'));
    expect(result.grids).toEqual([]);
    expect(result.meta).toEqual({ format: '2019', year: 2019, body: '上海市人民政府办公厅' });
    expect(Object.keys(result.cells ?? {})).toHaveLength(198);
    expect(result.cells?.['t3.received.total']).toBe(859);
    expect(result.cells?.['t2.art20_9.procurement.amount']).toBe('251000元');
  });

  test('a plain id → value map, with null, text and booleans', () => {
    const result = readJson('\ufeff{"t3.received.total": 5, "t3.carriedIn.total": null, "t4.review.total": "３", "x": true}');
    expect(result.cells).toEqual({ 't3.received.total': 5, 't3.carriedIn.total': null, 't4.review.total': '３', x: true });
    expect(result.meta).toBeUndefined();
  });

  test('format may be a number, year a numeric string', () => {
    expect(readJson('{"format": 2021, "year": "2024", "cells": {}}').meta).toEqual({ format: '2021', year: 2024 });
  });

  test('syntax errors say where', () => {
    const e = errorOf('{\n  "cells": {\n    "t3.received.total": 5,\n  }\n}');
    expect([e.line, e.column]).toEqual([4, 3]);
    expect(e.message).toBe('JSON 格式错误（第 4 行第 3 列有错）');
    expect(errorOf('{"cells": {"a": 1}').message).toBe('JSON 格式错误（内容不完整）');
    expect(errorOf('{"a": tru}').column).toBe(7);
  });

  test('wrong shapes are refused with the reason', () => {
    expect(errorOf('[1, 2]').message).toContain('最外层必须是一个对象');
    expect(errorOf('{"cells": [1]}').message).toContain('cells 必须是一个对象');
    expect(errorOf('{"cells": {"t3.received.total": {"v": 1}}}').message).toBe('单元格 t3.received.total 的值必须是数字、文字或 null');
    expect(errorOf('{"year": "去年", "cells": {}}').message).toContain('year');
    expect(errorOf('{"body": 1, "cells": {}}').message).toContain('body');
  });
});

describe('jsonErrorOffset', () => {
  test.each([
    ['{"a": 1}', undefined],
    ['[1, 2.5e3, "x\\u00e9", true, null, {"b": []}]', undefined],
    ['{"a": }', 6],
    ['xyz', 0],
    ['[1,2,,]', 5],
    ['{"a":1}\n}', 8],
    ['"abc', 4],
    ['"a\\qb"', 2],
    ['01', 1],
    ['', 0],
  ])('%j → %p', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  test('deep nesting does not overflow the stack', () => {
    expect(jsonErrorOffset('['.repeat(200_000))).toBe(200_000);
  });
});
