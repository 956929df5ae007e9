/** Access to the shared fixtures (real published reports) beside the repository. */
import * as fs from 'fs';
import * as path from 'path';
import type { RawValue } from '../../src/core/import/grid';

export const SHARED = path.resolve(__dirname, '../../../shared');
export const FIXTURES = path.join(SHARED, 'fixtures');
export const RENDERED = path.join(FIXTURES, 'rendered');

export interface CellsFixture {
  id: string;
  body: string;
  year: number;
  format: string;
  cells: Record<string, number | string>;
  blanks?: string[];
  raw?: Record<string, string>;
}

export function loadCellsFixture(name: string): CellsFixture {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.cells.json`), 'utf8')) as CellsFixture;
}

/** The fixture's cells as raw contents: blanks as empty cells, `raw` texts as written. */
export function rawCells(f: CellsFixture): Record<string, RawValue> {
  const cells: Record<string, RawValue> = { ...f.cells };
  for (const id of f.blanks ?? []) cells[id] = null;
  for (const [id, text] of Object.entries(f.raw ?? {})) cells[id] = text;
  return cells;
}

export interface RenderedCase {
  format: string;
  year: number;
  findings: string[];
  unknown: string[];
  culprit: { cell: string; value: number } | null;
  values: Record<string, number | string>;
}

export function loadRenderedExpectations(): Record<string, RenderedCase> {
  return JSON.parse(fs.readFileSync(path.join(RENDERED, 'expected.json'), 'utf8')) as Record<string, RenderedCase>;
}

/** A finding as `code:where` the way expected.json writes it (cell id for cell findings). */
export function findingKey(f: { code: string; where?: string; cells: string[] }): string {
  return `${f.code}:${f.where ?? f.cells[0]}`;
}

export interface FixtureCase {
  name: string;
  format: string;
  year: number;
  cells: Record<string, RawValue>;
}

/** Every fixture's true cells: the three real reports and every rendered case (blanks as empty cells). */
export function fixtureCases(): FixtureCase[] {
  return [
    ...['wutuan-2019', 'shanghai-2019', 'huaian-2024'].map((name) => {
      const f = loadCellsFixture(name);
      return { name, format: f.format, year: f.year, cells: rawCells(f) };
    }),
    ...Object.entries(loadRenderedExpectations()).map(([name, c]) => {
      const cells: Record<string, RawValue> = { ...c.values };
      for (const key of c.findings) if (key.startsWith('cell.blank:')) cells[key.slice('cell.blank:'.length)] = null;
      return { name, format: c.format, year: c.year, cells };
    }),
  ];
}
