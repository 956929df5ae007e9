/**
 * Reading cell values given directly as JSON, bypassing recognition:
 * `{ "format"?, "year"?, "body"?, "cells": { id: value } }` or a plain `{ id: value }` map.
 * Other top-level keys (`id`, `blanks`, notes) are ignored, so the fixtures' transcriptions load.
 */
import type { RawValue, ReadResult } from './grid';

export class JsonReadError extends Error {
  constructor(
    /** A one-line Chinese description, without the file name (the caller adds it). */
    message: string,
    /** 1-based position of a syntax error, when that is the problem. */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'JsonReadError';
  }
}

type Want = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** End of the string starting at the quote at `i`, or `-(offset of the fault) - 1`. */
function scanString(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -j - 1;
    if (c === 0x5c) {
      const e = s[j + 1];
      if (e === 'u') {
        if (!HEX4.test(s.slice(j + 2, j + 6))) return -j - 1;
        j += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j++;
      else return -j - 1;
    }
  }
  return -s.length - 1;
}

/**
 * Offset of the first JSON syntax error (JSON.parse's messages often omit it), or undefined
 * when the text is valid. Iterative, so deep nesting cannot overflow the stack.
 */
export function jsonErrorOffset(s: string): number | undefined {
  const stack: string[] = [];
  let want: Want = 'value';
  let i = 0;
  const after = (): Want => (stack.length > 0 ? 'commaOrClose' : 'end');
  for (;;) {
    while (i < s.length && ' \t\n\r'.includes(s[i])) i++;
    if (i >= s.length) return want === 'end' ? undefined : i;
    const ch = s[i];
    switch (want) {
      case 'value':
      case 'valueOrClose':
        if (want === 'valueOrClose' && ch === ']') {
          stack.pop();
          i++;
          want = after();
        } else if (ch === '{' || ch === '[') {
          stack.push(ch);
          i++;
          want = ch === '{' ? 'keyOrClose' : 'valueOrClose';
        } else if (ch === '"') {
          const end = scanString(s, i);
          if (end < 0) return -end - 1;
          i = end;
          want = after();
        } else {
          NUMBER.lastIndex = i;
          const literal = ['true', 'false', 'null'].find((w) => s.startsWith(w, i));
          if (literal) i += literal.length;
          else if (NUMBER.test(s)) i = NUMBER.lastIndex;
          else return i;
          want = after();
        }
        break;
      case 'key':
      case 'keyOrClose':
        if (want === 'keyOrClose' && ch === '}') {
          stack.pop();
          i++;
          want = after();
        } else if (ch === '"') {
          const end = scanString(s, i);
          if (end < 0) return -end - 1;
          i = end;
          want = 'colon';
        } else return i;
        break;
      case 'colon':
        if (ch !== ':') return i;
        i++;
        want = 'value';
        break;
      case 'commaOrClose': {
        const top = stack[stack.length - 1];
        if (ch === ',') {
          i++;
          want = top === '{' ? 'key' : 'value';
        } else if (ch === (top === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          want = after();
        } else return i;
        break;
      }
      case 'end':
        return i;
    }
  }
}

function lineAndColumn(s: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < s.length; k++) {
    if (s[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toRaw(id: string, v: unknown): RawValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw new JsonReadError(`单元格 ${id} 的值必须是数字、文字或 null`);
}

/** Parses JSON cell input. Throws `JsonReadError` with the position of a syntax error. */
export function readJson(input: string): ReadResult {
  const source = input.replace(/^\ufeff/, '');
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    const offset = jsonErrorOffset(source) ?? 0;
    const { line, column } = lineAndColumn(source, offset);
    const what = offset >= source.length ? '内容不完整' : `第 ${line} 行第 ${column} 列有错`;
    throw new JsonReadError(`JSON 格式错误（${what}）`, line, column);
  }
  if (!isPlainObject(data)) throw new JsonReadError('JSON 的最外层必须是一个对象（{ … }）');

  const structured = 'cells' in data;
  const cellsIn = structured ? data.cells : data;
  if (!isPlainObject(cellsIn)) throw new JsonReadError('JSON 中的 cells 必须是一个对象（单元格编号 → 值）');
  const cells: Record<string, RawValue> = {};
  for (const [id, v] of Object.entries(cellsIn)) cells[id] = toRaw(id, v);

  const result: ReadResult = { grids: [], cells };
  if (structured) {
    const meta: NonNullable<ReadResult['meta']> = {};
    if (data.format !== undefined && data.format !== null) {
      if (typeof data.format !== 'string' && typeof data.format !== 'number') throw new JsonReadError('JSON 中的 format 必须是文字，例如 "2021"');
      meta.format = String(data.format);
    }
    if (data.year !== undefined && data.year !== null) {
      const year = typeof data.year === 'string' && /^\d{4}$/.test(data.year.trim()) ? Number(data.year.trim()) : data.year;
      if (typeof year !== 'number' || !Number.isInteger(year)) throw new JsonReadError('JSON 中的 year 必须是四位年份，例如 2024');
      meta.year = year;
    }
    if (data.body !== undefined && data.body !== null) {
      if (typeof data.body !== 'string') throw new JsonReadError('JSON 中的 body 必须是文字');
      meta.body = data.body;
    }
    if (Object.keys(meta).length > 0) result.meta = meta;
  }
  return result;
}
