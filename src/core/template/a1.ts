/** A1 addresses from zero-based row/column indexes. */

export function columnName(col: number): string {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** `A` → 0, `AA` → 26: the zero-based index of a column's letters (either case). */
export function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

export function a1(row: number, col: number, absolute = false): string {
  return absolute ? `$${columnName(col)}$${row + 1}` : `${columnName(col)}${row + 1}`;
}

export function a1Range(row: number, col: number, rows: number, cols: number): string {
  return rows === 1 && cols === 1 ? a1(row, col) : `${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`;
}

/** `Sheet1!$D$8`, `='Sheet 1'!D8:E9` or `D8` → zero-based row and column of the top-left cell. */
export function parseA1(address: string): { row: number; col: number } | undefined {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address.replace(/^=/, '');
  const m = /^\$?([A-Z]{1,3})\$?(\d+)/.exec(local);
  if (!m) return undefined;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}
