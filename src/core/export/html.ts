/**
 * The tables in the official layout as self-contained HTML (rowspan/colspan as printed, the 勾稽
 * note, section headings). Every cell text is escaped: nothing read from a cell can run script
 * in the page that publishes it.
 */
import type { FormatDef } from '../formats/types';
import type { RawValue } from '../import/grid';
import { rawToText } from '../values/parse';
import { layoutReport, type LaidOutTable } from './layout';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function tableHtml(t: LaidOutTable): string {
  const anchor = new Map(t.merges.map((m) => [`${m.row}:${m.col}`, m]));
  const covered = new Set<string>();
  for (const m of t.merges) for (let r = m.row; r < m.row + m.rows; r++) for (let c = m.col; c < m.col + m.cols; c++) if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`);
  const body = t.rows
    .map((row, r) => {
      const cells = row
        .map((value, c) => {
          if (covered.has(`${r}:${c}`)) return '';
          const m = anchor.get(`${r}:${c}`);
          const span = `${m && m.rows > 1 ? ` rowspan="${m.rows}"` : ''}${m && m.cols > 1 ? ` colspan="${m.cols}"` : ''}`;
          const isValue = t.ids.has(`${r}:${c}`);
          const tag = isValue ? 'td' : 'th';
          return `<${tag}${span}${isValue ? ` data-cell="${escapeHtml(t.ids.get(`${r}:${c}`) ?? '')}"` : ''}>${escapeHtml(rawToText(value as RawValue))}</${tag}>`;
        })
        .join('');
      return `<tr>${cells}</tr>`;
    })
    .join('\n');
  return `<h2>${escapeHtml(t.heading)}</h2>\n<table border="1">\n${body}\n</table>`;
}

export function reportHtml(format: FormatDef, values: Readonly<Record<string, RawValue>>, title: string): string {
  const tables = layoutReport(format, values).map(tableHtml).join('\n');
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n${tables}\n</body>\n</html>\n`;
}
