/**
 * How much room text takes in a spreadsheet cell, in the units column widths are given in
 * (characters of the default font's digit width): for row heights of wrapped text that Excel
 * will not fit by itself (it never auto-fits rows with merged cells).
 */

/** Display width in characters as a column width counts them: CJK and full-width forms take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Lines wrapped text takes in a cell `width` characters wide. */
export function linesIn(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / Math.max(1, width - 1))), 0);
}

/** Points per line of 11-point text, and the padding of a cell. */
const LINE_PT = 14.5;
const CELL_PAD_PT = 4;

/** The row height (points) that shows `lines` lines of 11-point text. */
export function rowHeightFor(lines: number): number {
  return lines * LINE_PT + CELL_PAD_PT;
}
