/**
 * Reading a Word document (.docx, as Word, WPS and LibreOffice save it) into grids: one grid per
 * data table of the main document part, plus its paragraphs as lines for the whole-report checks.
 * The part is read with a streaming XML parser (saxes) in one pass, the archive with the ZIP
 * caps of `zip.ts`; nothing in the document is executed, no external reference is followed.
 *
 * Read as Word shows the document with every tracked change accepted: insertions (`w:ins`,
 * `w:moveTo`) kept, deletions (`w:del`, `w:moveFrom`, deleted rows) dropped. Field codes are
 * skipped and their results read; content controls read as their content, or as nothing while
 * they show placeholder text; hidden text (`w:vanish`) and drawings are not read. Like a web
 * page's layout tables, a table holding tables is layout: its inner tables are the data.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { strFromU8 } from 'fflate';
import { EMPTY_CELL, MERGED_CELL, rowLine, type Grid, type GridCell, type GridRow, type ReadResult } from './grid';
import { inflateEntry, isCompoundFile, isEncryptedPackage, listZipEntries, looksLikeZip, ZipFormatError, ZipSizeError, type ZipEntry } from './zip';

export type DocxErrorKind =
  /** Not a ZIP archive, a damaged one, or XML that does not parse. */
  | 'corrupt'
  /** Saved with a password (an OLE file holding an `EncryptedPackage`). */
  | 'encrypted'
  /** An OLE file that is not encrypted: a Word 97–2003 .doc (or .wps) under a .docx name. */
  | 'legacy'
  /** A valid ZIP without a Word document part (an .xlsx, a plain .zip…). */
  | 'notDocument'
  /** The document part inflates past `DOCX_LIMITS.maxDocumentBytes`. */
  | 'tooLarge';

export class DocxReadError extends Error {
  constructor(
    readonly kind: DocxErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DocxReadError';
  }
}

export const DOCX_LIMITS = {
  /**
   * The main document part's XML. A report's is 0.1–2 MB (pictures are parts of their own);
   * saxes parses some 20 MB a second here, so the cap keeps any accepted read within seconds.
   */
  maxDocumentBytes: 48 * 1024 * 1024,
  /** Grid positions over all tables: a hostile `w:gridSpan` cannot exhaust memory. */
  maxPositions: 2_000_000,
  /** Word allows 63 columns; a larger span is damage. */
  maxSpan: 64,
} as const;

const MAIN_NAMESPACES = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const COMPATIBILITY_NAMESPACE = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const OFFICE_DOCUMENT = /\/officeDocument$/;

/** Reads a .docx file's bytes. Throws `DocxReadError` for anything that is not a readable Word file. */
export function readDocx(bytes: Uint8Array): ReadResult {
  const xml = documentXml(bytes);
  return readDocumentXml(xml);
}

/** The main document part as text, after the archive checks. */
export function documentXml(bytes: Uint8Array): string {
  if (isCompoundFile(bytes)) {
    if (isEncryptedPackage(bytes)) throw new DocxReadError('encrypted', 'an encrypted OOXML package');
    throw new DocxReadError('legacy', 'an OLE compound file (.doc or .wps), not a .docx');
  }
  if (!looksLikeZip(bytes)) throw new DocxReadError('corrupt', 'not a ZIP archive');
  try {
    const entries = listZipEntries(bytes);
    if (entries.some((e) => e.encrypted)) throw new DocxReadError('encrypted', 'ZIP entries are encrypted');
    const part = mainPart(bytes, entries);
    return strFromU8(inflateEntry(bytes, part, DOCX_LIMITS.maxDocumentBytes));
  } catch (e) {
    if (e instanceof ZipSizeError) throw new DocxReadError('tooLarge', e.message);
    if (e instanceof ZipFormatError) throw new DocxReadError('corrupt', e.message);
    throw e;
  }
}

const byName = (entries: readonly ZipEntry[], name: string): ZipEntry | undefined => entries.find((e) => e.name.replace(/^\//, '') === name);

/** The main part: the one `_rels/.rels` names by the officeDocument relationship, else Word's default part name. */
function mainPart(bytes: Uint8Array, entries: readonly ZipEntry[]): ZipEntry {
  const rels = byName(entries, '_rels/.rels');
  let target = 'word/document.xml';
  if (rels) {
    const parser = new SaxesParser({ position: false });
    parser.on('opentag', (tag) => {
      const attrs = (tag as SaxesTagPlain).attributes;
      if (tag.name === 'Relationship' && OFFICE_DOCUMENT.test(attrs.Type ?? '') && attrs.TargetMode !== 'External' && attrs.Target) {
        target = attrs.Target.replace(/^\//, '');
      }
    });
    try {
      parser.write(strFromU8(inflateEntry(bytes, rels, 1024 * 1024))).close();
    } catch (e) {
      if (e instanceof ZipSizeError) throw e;
      throw new DocxReadError('corrupt', `_rels/.rels: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const part = byName(entries, target);
  if (!part || !/\.xml$/i.test(target)) {
    if (byName(entries, 'xl/workbook.xml')) throw new DocxReadError('notDocument', 'an .xlsx workbook, not a Word document');
    throw new DocxReadError('notDocument', `no ${target} in the archive`);
  }
  return part;
}

const enum Effect {
  None,
  /** Nothing inside is read: neither text nor structure. */
  Hide,
  /** Text inside is not read; table structure is. */
  Placeholder,
}

/** An element being read: saxes's tag object, what it is, and what it does to the text inside. */
interface Frame {
  tag: object;
  element: El;
  effect: Effect;
}

/** A table being read: its rows, and its text as lines should it turn out to be layout. */
interface TableBuild {
  rows: (GridCell | undefined)[][];
  /** The current row is a tracked deletion: dropped when it ends. */
  deletedRow: boolean;
  /** The current row's next grid column. */
  col: number;
  cell?: { paragraphs: string[]; span: number; continues: boolean };
  /** True once a table is found inside: then this one is layout. */
  nested: boolean;
  /** Every paragraph and inner table's lines in order, used if this table is layout. */
  lines: string[];
}

const SPACE_RUNS = / {2,}/g;

function tidy(line: string): string {
  return (line.includes('  ') ? line.replace(SPACE_RUNS, ' ') : line).trim();
}

/** Reads the main document part (WordprocessingML). Throws `DocxReadError` when it is not well-formed XML. */
export function readDocumentXml(xml: string): ReadResult {
  const grids: Grid[] = [];
  const lines: string[] = [];
  let budget = DOCX_LIMITS.maxPositions;

  // Element names, resolved once the root declares its prefixes (Word always writes `w:`).
  let w = 'w:';
  let fallback = 'mc:Fallback';
  let names = elementNames(w, fallback);
  let rootSeen = false;

  /** Open elements the handlers act on, outermost first. */
  const open: Frame[] = [];
  /** What the element `up` levels above the innermost open one (0) is. */
  const enclosing = (up: number): El | undefined => open.at(-1 - up)?.element;
  /**
   * Inside an element whose content is not read at all: nothing in it is even looked up, and
   * only its own close (matched by its tag object) ends it.
   */
  let hidden = false;
  /** Content controls open that show placeholder text: their text is not read, their cells are. */
  let placeholders = 0;
  /** Complex fields open: each true while its field code (before `separate`) is being read. */
  const fields: boolean[] = [];
  let inCode = 0;
  /** Content controls open, each true when showing placeholder text. */
  const controls: boolean[] = [];
  let runHidden = false;
  const tables: TableBuild[] = [];
  /** The open paragraph's text so far. */
  let paragraph: string | undefined;

  const endParagraph = (): void => {
    if (paragraph === undefined) return;
    const text = paragraph;
    paragraph = undefined;
    const table = tables.at(-1);
    // Most paragraphs are one line: split only at a break.
    for (const piece of text.includes('\n') ? text.split('\n') : [text]) {
      const line = tidy(piece);
      if (line === '') continue;
      if (!table) lines.push(line);
      else {
        table.cell?.paragraphs.push(line);
        table.lines.push(line);
      }
    }
  };

  const startCell = (table: TableBuild): void => {
    table.cell = { paragraphs: [], span: 1, continues: false };
  };

  const endCell = (table: TableBuild): void => {
    const cell = table.cell;
    if (!cell) return;
    table.cell = undefined;
    const row = table.rows.at(-1);
    // A cell outside any row (damaged markup) has no place in the grid.
    if (!row) return;
    let span = Math.min(Math.max(cell.span, 1), DOCX_LIMITS.maxSpan);
    if (span > budget) span = 1;
    budget -= span;
    // A continued vertical merge is a covered position: the cell above holds the content.
    row[table.col] = cell.continues ? MERGED_CELL : { value: cell.paragraphs.join('\n') };
    for (let k = 1; k < span; k++) row[table.col + k] = MERGED_CELL;
    table.col += span;
  };

  const endTable = (): void => {
    const table = tables.pop();
    if (!table) return;
    const parent = tables.at(-1);
    let own: string[];
    if (table.nested) own = table.lines;
    else {
      const name = `表格${grids.length + 1}`;
      const rows: GridRow[] = table.rows.map((cells, r) => {
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = EMPTY_CELL;
        return { cells: cells as GridCell[], source: `${name} 第${r + 1}行` };
      });
      if (rows.length > 0) grids.push({ name, rows });
      own = rows.map(rowLine).filter((line) => line.trim() !== '');
    }
    if (parent) {
      parent.nested = true;
      parent.lines.push(...own);
    } else lines.push(...own);
  };

  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    const attrs = (tag as SaxesTagPlain).attributes;
    if (!rootSeen) {
      rootSeen = true;
      for (const [attr, uri] of Object.entries(attrs)) {
        if (!attr.startsWith('xmlns:')) continue;
        if (MAIN_NAMESPACES.has(uri)) w = `${attr.slice(6)}:`;
        else if (uri === COMPATIBILITY_NAMESPACE) fallback = `${attr.slice(6)}:Fallback`;
      }
      names = elementNames(w, fallback);
    }
    if (hidden) return;
    // Most elements are formatting (w:rFonts, w:sz, w:spacing…): one lookup and nothing to do,
    // not even a frame: `open` holds only the elements acted on.
    const element = names.elements.get(name);
    if (element === undefined) return;
    const frame: Frame = { tag, element, effect: Effect.None };
    open.push(frame);
    if (element >= El.Del) {
      frame.effect = Effect.Hide;
      hidden = true;
      // A deleted row is marked in its properties: drop the whole row.
      if (element === El.Del && enclosing(1) === El.TrPr) {
        const table = tables.at(-1);
        if (table) table.deletedRow = true;
      }
      return;
    }
    switch (element) {
      case El.P:
        endParagraph();
        paragraph = '';
        return;
      case El.R:
        runHidden = false;
        return;
      case El.Vanish:
        if (enclosing(1) === El.RPr && enclosing(2) === El.R && isOn(attrs[names.val])) runHidden = true;
        return;
      case El.Tab:
        if (enclosing(1) === El.R && paragraph !== undefined) paragraph += ' ';
        return;
      case El.Br:
        if (paragraph !== undefined) paragraph += '\n';
        return;
      case El.NoBreakHyphen:
        if (paragraph !== undefined) paragraph += '-';
        return;
      case El.FldChar: {
        const type = attrs[names.fldCharType];
        if (type === 'begin') {
          fields.push(true);
          inCode++;
        } else if (type === 'separate') {
          if (fields.at(-1)) inCode--;
          if (fields.length > 0) fields[fields.length - 1] = false;
        } else if (type === 'end') {
          if (fields.pop()) inCode--;
        }
        return;
      }
      case El.Sdt:
        controls.push(false);
        return;
      case El.ShowingPlcHdr:
        if (controls.length > 0 && isOn(attrs[names.val])) controls[controls.length - 1] = true;
        return;
      case El.SdtContent:
        if (controls.at(-1)) {
          frame.effect = Effect.Placeholder;
          placeholders++;
        }
        return;
      case El.Tbl:
        endParagraph();
        tables.push({ rows: [], deletedRow: false, col: 0, nested: false, lines: [] });
        return;
      case El.Tr: {
        const table = tables.at(-1);
        if (!table) return;
        table.rows.push([]);
        table.col = 0;
        table.deletedRow = false;
        return;
      }
      case El.GridBefore: {
        const table = tables.at(-1);
        if (table && !table.cell) table.col += Math.min(count(attrs[names.val]), DOCX_LIMITS.maxSpan);
        return;
      }
      case El.Tc: {
        const table = tables.at(-1);
        if (table) startCell(table);
        return;
      }
      case El.GridSpan: {
        const cell = tables.at(-1)?.cell;
        if (cell) cell.span = count(attrs[names.val]);
        return;
      }
      case El.VMerge: {
        // `restart` (or none) opens a merge; a bare element continues the one before.
        const cell = tables.at(-1)?.cell;
        const value = attrs[names.val];
        if (cell && (value === undefined || value === 'continue')) cell.continues = true;
        return;
      }
    }
  });
  parser.on('text', (text) => {
    if (hidden || placeholders > 0 || inCode > 0 || runHidden || paragraph === undefined) return;
    if (enclosing(0) === El.T) paragraph += text;
  });
  parser.on('closetag', (tag) => {
    // saxes passes the tag object it opened with: a close is matched without its name.
    if (tag !== open.at(-1)?.tag) return;
    const { element, effect } = open.pop() as Frame;
    if (effect === Effect.Hide) {
      hidden = false;
      return;
    }
    if (effect === Effect.Placeholder) placeholders--;
    switch (element) {
      case El.P:
        endParagraph();
        return;
      case El.Sdt:
        controls.pop();
        return;
      case El.Tc: {
        endParagraph();
        const table = tables.at(-1);
        if (table) endCell(table);
        return;
      }
      case El.Tr: {
        const table = tables.at(-1);
        if (table?.deletedRow) table.rows.pop();
        return;
      }
      case El.Tbl:
        endParagraph();
        endTable();
        return;
    }
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new DocxReadError('corrupt', `document XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  endParagraph();
  while (tables.length > 0) endTable();
  return { grids, text: lines };
}

/** `w:val` of an on/off property: absent, `true`, `1` or `on` switch it on. */
function isOn(value: string | undefined): boolean {
  return value === undefined || value === 'true' || value === '1' || value === 'on';
}

function count(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** The elements the handlers act on; `Del` and after are never read inside. */
const enum El {
  P,
  R,
  T,
  RPr,
  Vanish,
  Tab,
  /** A line break: `w:br` or `w:cr`. */
  Br,
  NoBreakHyphen,
  FldChar,
  Sdt,
  ShowingPlcHdr,
  SdtContent,
  Tbl,
  Tr,
  TrPr,
  Tc,
  GridSpan,
  /** `w:gridBefore` or `w:gridAfter`: grid columns skipped. */
  GridBefore,
  /** `w:vMerge` or `w:hMerge`. */
  VMerge,
  /** A tracked deletion: hidden, and marks a deleted row inside `w:trPr`. */
  Del,
  /** Content never read. */
  Hide,
}

/**
 * The WordprocessingML names under the document's prefix: each element acted on with what it is
 * (one lookup per element), and the attribute names read.
 */
function elementNames(w: string, fallback: string) {
  const n = (local: string): string => `${w}${local}`;
  const elements = new Map<string, El>([
    [n('p'), El.P], [n('r'), El.R], [n('t'), El.T], [n('rPr'), El.RPr], [n('vanish'), El.Vanish], [n('tab'), El.Tab],
    [n('br'), El.Br], [n('cr'), El.Br], [n('noBreakHyphen'), El.NoBreakHyphen], [n('fldChar'), El.FldChar],
    [n('sdt'), El.Sdt], [n('showingPlcHdr'), El.ShowingPlcHdr], [n('sdtContent'), El.SdtContent],
    [n('tbl'), El.Tbl], [n('tr'), El.Tr], [n('trPr'), El.TrPr], [n('tc'), El.Tc], [n('gridSpan'), El.GridSpan],
    [n('gridBefore'), El.GridBefore], [n('gridAfter'), El.GridBefore], [n('vMerge'), El.VMerge], [n('hMerge'), El.VMerge],
    [n('del'), El.Del], [fallback, El.Hide],
  ]);
  /**
   * Content never read: deletions, field codes, drawings and text boxes (their text is not
   * the document's flow), and property blocks, which hold no text but old formatting
   * (`w:rPrChange`) that must not switch anything on.
   */
  for (const local of [
    'moveFrom', 'delText', 'instrText', 'delInstrText', 'drawing', 'pict', 'object',
    'pPr', 'tblPr', 'tblGrid', 'tblPrEx', 'rPrChange', 'tcPrChange', 'trPrChange', 'sectPr',
    'footnoteReference', 'endnoteReference', 'commentReference', 'altChunk',
  ]) elements.set(n(local), El.Hide);
  return { elements, val: n('val'), fldCharType: n('fldCharType') };
}
