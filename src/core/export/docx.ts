/**
 * The whole report as a Word document ready for signature: the title, the six sections (text as
 * given, `（请填写）` where a section has none), the three tables in the official layout (merged
 * cells as printed; header rows repeat on a new page), the body's name and the date line. Set out
 * as a 公文 (A4, GB/T 9704 margins, 仿宋 三号 text, 黑体 headings, page numbers `— 1 —` at the foot,
 * odd pages right and even pages left, as a PAGE field). The `docx` library writes
 * the XML, escaping every text; characters XML cannot hold at all are replaced first (`xmlSafe`).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { TableId } from '../formats/types';
import type { RawValue } from '../import/grid';
import { rawToText } from '../values/parse';
import { layoutReport, type LaidOutTable } from './layout';
import { BLANK_DATE, composeSections, PLACEHOLDER, reportTitle, xmlSafe, type ExportableReport } from './model';

/** A4 in twips, and GB/T 9704 margins (37 / 35 / 28 / 26 mm). */
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const FONTS = {
  text: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' },
  heading: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' },
  title: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' },
  table: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' },
};
/** Half-points: 三号 16 pt, 二号 22 pt, 小五 9 pt, 四号 14 pt. */
const SIZE = { text: 32, title: 44, table: 18, pageNumber: 28 };
/** Two characters of 三号 text, the first-line indent of a paragraph. */
const INDENT = 640;
/** Fixed 28-point lines, as 公文 are set. */
const LINE = { line: 560, lineRule: LineRuleType.EXACT };

/**
 * GB/T 9704 page numbers: 四号 half-width 宋体 digits between two 一字线 (`— 1 —`), the line 7 mm
 * below the text block; odd pages set right and even pages left, one character in from the edge.
 * The number is a PAGE field, so Word, WPS and LibreOffice count the pages themselves.
 */
const PAGE_NUMBER = {
  font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' },
  /** One 四号 character, in twips. */
  inset: 280,
  /** The number's line, set exactly 四号 high. */
  line: 280,
};
/** 7 mm in twips: from the text block's lower edge down to the page number. */
const BELOW_TEXT = 397;

/** Label-column widths (twips) per table; the value columns share the rest equally. */
const LABEL_WIDTHS: Record<TableId, number[]> = { t2: [2600], t3: [760, 1250, 2300], t4: [] };
/** Header rows that repeat when a table runs onto the next page. */
const HEADER_ROWS: Record<TableId, number> = { t2: 0, t3: 3, t4: 3 };

function runs(text: string, options: { font: typeof FONTS.text; size: number; bold?: boolean }): TextRun[] {
  return xmlSafe(text)
    .split(/\r\n|[\n\r]/)
    .map((line, k) => new TextRun({ text: line, font: options.font, size: options.size, bold: options.bold, break: k > 0 ? 1 : undefined }));
}

function textParagraph(text: string): Paragraph {
  return new Paragraph({ indent: { firstLine: INDENT }, spacing: LINE, alignment: AlignmentType.JUSTIFIED, children: runs(text, { font: FONTS.text, size: SIZE.text }) });
}

function columnWidths(t: LaidOutTable, columns: number): number[] {
  const labels = LABEL_WIDTHS[t.table].slice(0, columns);
  const rest = TEXT_WIDTH - labels.reduce((a, b) => a + b, 0);
  const each = Math.floor(rest / (columns - labels.length));
  const widths = [...labels, ...Array<number>(columns - labels.length).fill(each)];
  widths[widths.length - 1] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function docxTable(t: LaidOutTable): Table {
  const columns = Math.max(...t.rows.map((r) => r.length));
  const widths = columnWidths(t, columns);
  const anchor = new Map(t.merges.map((m) => [`${m.row}:${m.col}`, m]));
  const covered = new Set<string>();
  for (const m of t.merges) for (let r = m.row; r < m.row + m.rows; r++) for (let c = m.col; c < m.col + m.cols; c++) if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`);
  const rows = t.rows.map((cells, r) => {
    const children: TableCell[] = [];
    for (let c = 0; c < columns; c++) {
      // Positions a merged cell covers are not written: docx adds the continuation cells of a rowSpan itself.
      if (covered.has(`${r}:${c}`)) continue;
      const m = anchor.get(`${r}:${c}`);
      const span = { rows: m?.rows ?? 1, cols: m?.cols ?? 1 };
      const text = rawToText((cells[c] ?? null) as RawValue);
      children.push(
        new TableCell({
          rowSpan: span.rows > 1 ? span.rows : undefined,
          columnSpan: span.cols > 1 ? span.cols : undefined,
          width: { size: widths.slice(c, c + span.cols).reduce((a, b) => a + b, 0), type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          margins: { left: 40, right: 40, top: 20, bottom: 20 },
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: runs(text, { font: FONTS.table, size: SIZE.table }) })],
        }),
      );
    }
    // Each table stays on one page (it fits): a label merged down a page break would be cut in two.
    return new TableRow({ children, tableHeader: r < HEADER_ROWS[t.table] ? true : undefined, cantSplit: true, keepNext: r < t.rows.length - 1 ? true : undefined });
  });
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
  });
}

/** The page-number footer of odd (`right`) or even (`left`) pages. */
function pageNumberFooter(side: 'right' | 'left'): Footer {
  const number = new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: PAGE_NUMBER.font, size: SIZE.pageNumber });
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: PAGE_NUMBER.inset } : { left: PAGE_NUMBER.inset },
        spacing: { before: 0, after: 0, line: PAGE_NUMBER.line, lineRule: LineRuleType.EXACT },
        children: [number],
      }),
    ],
  });
}

export async function reportDocx(report: ExportableReport): Promise<Uint8Array<ArrayBuffer>> {
  const title = reportTitle(report);
  const tables = new Map(layoutReport(report.format, report.raw).map((t) => [t.table, t]));
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 560, line: 700, lineRule: LineRuleType.EXACT }, children: runs(title, { font: FONTS.title, size: SIZE.title }) }),
  ];
  for (const s of composeSections(report)) {
    children.push(new Paragraph({ indent: { firstLine: INDENT }, spacing: LINE, keepNext: true, children: runs(s.def.heading, { font: FONTS.heading, size: SIZE.text }) }));
    children.push(...s.paragraphs.map(textParagraph));
    if (s.placeholder) children.push(textParagraph(PLACEHOLDER));
    const table = s.def.table ? tables.get(s.def.table) : undefined;
    if (table) {
      children.push(docxTable(table));
      // A paragraph after a table keeps the next heading from running into it.
      children.push(new Paragraph({ spacing: { after: 0 }, children: [] }));
    }
  }
  // The signature block: blank lines for the seal, the body's name and the date, right-aligned.
  const right = (text: string): Paragraph => new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: INDENT }, spacing: LINE, children: runs(text, { font: FONTS.text, size: SIZE.text }) });
  children.push(new Paragraph({ spacing: LINE, children: [] }), new Paragraph({ spacing: LINE, children: [] }));
  children.push(right(report.body?.trim() || '（单位名称）'), right(report.date?.trim() || BLANK_DATE));

  const document = new Document({
    title: xmlSafe(title),
    creator: 'nianbao 政务公开年报助手',
    styles: { default: { document: { run: { font: FONTS.text, size: SIZE.text } } } },
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            // The footer's lower edge sits so that its one line starts 7 mm below the text block.
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: PAGE.bottom - BELOW_TEXT - PAGE_NUMBER.line },
          },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
