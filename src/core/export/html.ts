/**
 * The report as a self-contained web page for the portal: the six sections under their
 * headings, the three tables in the official layout (rowspan/colspan as printed, the 勾稽 note),
 * accessible markup (caption, scope, headers/id on every value cell, lang zh-CN), inline CSS and
 * nothing else — no scripts, no external resources (the page's own Content-Security-Policy
 * forbids both). Every text read from a cell or written by a user is escaped: nothing in it can
 * run script in the page that publishes it.
 */
import type { FormatDef } from '../formats/types';
import type { RawValue } from '../import/grid';
import { rawToText } from '../values/parse';
import { layoutReport, type LaidOutTable } from './layout';
import { composeSections, PLACEHOLDER, reportTitle, type ExportableReport } from './model';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  // NUL is the one character an HTML parser does not keep as written.
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]).replaceAll('\u0000', '\uFFFD');
}

const STYLE = `
body{margin:0;background:#fff;color:#000}
.nb-report{max-width:60em;margin:0 auto;padding:1.5em 1em 3em;font-family:"FangSong","仿宋","STFangsong","Noto Serif CJK SC","Source Han Serif SC",serif;font-size:16px;line-height:1.75}
.nb-report h1{font-family:"SimHei","黑体","Noto Sans CJK SC","Source Han Sans SC",sans-serif;font-size:1.6em;font-weight:bold;text-align:center;line-height:1.4;margin:.5em 0 1em}
.nb-report h2{font-family:"SimHei","黑体","Noto Sans CJK SC","Source Han Sans SC",sans-serif;font-size:1.1em;font-weight:bold;margin:1.2em 0 .5em}
.nb-report p{text-indent:2em;margin:.3em 0}
.nb-report .nb-placeholder{color:#555}
.nb-report .nb-signature{margin-top:2em}
.nb-report .nb-signature p{text-align:right;text-indent:0;margin:0}
.nb-report table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:13px;line-height:1.4}
.nb-report caption{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.nb-report th,.nb-report td{border:1px solid #000;padding:3px 4px;vertical-align:middle;text-align:center;font-weight:normal}
.nb-report td[data-cell]{text-align:right;font-variant-numeric:tabular-nums}
.nb-report td.nb-note{font-size:12px;text-align:left}
@media print{.nb-report{max-width:none;padding:0}.nb-report table{page-break-inside:auto}.nb-report tr{page-break-inside:avoid}}
`.trim();

/** The page's own policy: inline styles only; no scripts, frames, images, fonts or requests. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * One table in the official layout. Header cells are `th` with `scope` and an `id`; each value
 * cell names its row and column headers in `headers` (WCAG's technique for tables whose headers
 * span rows and columns) and its cell id in `data-cell`.
 */
export function tableHtml(t: LaidOutTable, options: { idPrefix: string; caption?: string; note?: string }): string {
  const key = (r: number, c: number): string => `${r}:${c}`;
  // Every position → the anchor (top-left) of the merged range that covers it.
  const owner = new Map<string, { row: number; col: number; rows: number; cols: number }>();
  for (const m of t.merges) for (let r = m.row; r < m.row + m.rows; r++) for (let c = m.col; c < m.col + m.cols; c++) owner.set(key(r, c), m);
  const ownerOf = (r: number, c: number) => owner.get(key(r, c)) ?? { row: r, col: c, rows: 1, cols: 1 };
  const width = Math.max(...t.rows.map((r) => r.length));
  const valueRows = new Set([...t.ids.keys()].map((k) => Number(k.split(':')[0])));
  const isValue = (r: number, c: number): boolean => t.ids.has(key(r, c));
  const text = (r: number, c: number): string => rawToText((t.rows[r]?.[c] ?? null) as RawValue);
  const isNote = (r: number, c: number): boolean => options.note !== undefined && text(r, c) === options.note;
  /** A header cell: a labelled position that is neither a value nor the 勾稽 note. */
  const isHeader = (r: number, c: number): boolean => !isValue(r, c) && !isNote(r, c) && text(r, c) !== '';
  const idOf = (r: number, c: number): string => `${options.idPrefix}-r${r + 1}c${c + 1}`;

  /** Row headers to the left (outermost first), then column headers above (outermost first). */
  const headersOf = (r: number, c: number): string[] => {
    const found: string[] = [];
    const add = (pos: { row: number; col: number }): void => {
      if (isHeader(pos.row, pos.col) && !found.includes(idOf(pos.row, pos.col))) found.push(idOf(pos.row, pos.col));
    };
    for (let cc = 0; cc < c; cc++) if (!isValue(r, cc)) add(ownerOf(r, cc));
    const above: { row: number; col: number }[] = [];
    let seenHeader = false;
    for (let rr = r - 1; rr >= 0; rr--) {
      // Scanning up through this block's value rows to its header rows; the block above ends it.
      if (valueRows.has(rr)) {
        if (seenHeader) break;
        continue;
      }
      seenHeader = true;
      above.unshift(ownerOf(rr, c));
    }
    above.forEach(add);
    return found;
  };

  const lines: string[] = [];
  for (let r = 0; r < t.rows.length; r++) {
    const cells: string[] = [];
    for (let c = 0; c < width; c++) {
      const m = ownerOf(r, c);
      if (m.row !== r || m.col !== c) continue;
      const span = `${m.rows > 1 ? ` rowspan="${m.rows}"` : ''}${m.cols > 1 ? ` colspan="${m.cols}"` : ''}`;
      const content = escapeHtml(text(r, c));
      if (isValue(r, c)) {
        const headers = headersOf(r, c);
        cells.push(`<td${span}${headers.length > 0 ? ` headers="${headers.join(' ')}"` : ''} data-cell="${escapeHtml(t.ids.get(key(r, c)) ?? '')}">${content}</td>`);
      } else if (isHeader(r, c)) {
        // In a row of values a label heads that row (or, merged down, a group of rows); elsewhere it heads columns.
        const scope = valueRows.has(r) ? (m.rows > 1 ? 'rowgroup' : 'row') : m.cols > 1 ? 'colgroup' : 'col';
        cells.push(`<th${span} id="${idOf(r, c)}" scope="${scope}">${content}</th>`);
      } else {
        cells.push(`<td${span}${isNote(r, c) ? ' class="nb-note"' : ''}>${content}</td>`);
      }
    }
    lines.push(`<tr>${cells.join('')}</tr>`);
  }
  const caption = options.caption !== undefined ? `<caption>${escapeHtml(options.caption)}</caption>\n` : '';
  return `<table border="1" id="${options.idPrefix}">\n${caption}${lines.join('\n')}\n</table>`;
}

function page(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function tablesOf(format: FormatDef, values: Readonly<Record<string, RawValue>>): Map<string, string> {
  const note = format.layouts.find((l) => l.table === 't3')?.note;
  const title = (table: string): string | undefined => format.layouts.find((l) => l.table === table)?.title;
  return new Map(layoutReport(format, values).map((t) => [t.table, tableHtml(t, { idPrefix: `nb-${t.table}`, caption: title(t.table), note })]));
}

/** The three tables under their section headings (no other sections): a page of tables alone. */
export function reportHtml(format: FormatDef, values: Readonly<Record<string, RawValue>>, title: string): string {
  const headings = new Map(format.layouts.map((l) => [l.table, l.heading]));
  const tables = [...tablesOf(format, values)].map(([table, html]) => `<h2>${escapeHtml(headings.get(table as 't2') ?? table)}</h2>\n${html}`);
  return page(title, `<main class="nb-report">\n<h1>${escapeHtml(title)}</h1>\n${tables.join('\n')}\n</main>`);
}

/**
 * The whole report for the portal: title, the six sections (text as given, `（请填写）` where a
 * section has none), the tables under 二、三、四, the body's name and the date (when given).
 */
export function documentHtml(report: ExportableReport): string {
  const title = reportTitle(report);
  const tables = tablesOf(report.format, report.raw);
  const parts: string[] = [`<h1>${escapeHtml(title)}</h1>`];
  composeSections(report).forEach((s, k) => {
    const id = `nb-s${k + 1}`;
    const content = [
      ...s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
      ...(s.placeholder ? [`<p class="nb-placeholder">${escapeHtml(PLACEHOLDER)}</p>`] : []),
      ...(s.def.table ? [tables.get(s.def.table) ?? ''] : []),
    ];
    parts.push(`<section aria-labelledby="${id}">\n<h2 id="${id}">${escapeHtml(s.def.heading)}</h2>\n${content.join('\n')}\n</section>`);
  });
  // The page is what gets published: a date line left blank for a pen belongs to the .docx only.
  const signature = [report.body?.trim(), report.date?.trim()].filter((line): line is string => Boolean(line));
  if (signature.length > 0) parts.push(`<div class="nb-signature">\n${signature.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}\n</div>`);
  return page(title, `<main class="nb-report">\n${parts.join('\n')}\n</main>`);
}
