/**
 * The task pane's behaviour, free of the DOM: insert the template, check the active sheet (one
 * sync per pass), re-check on the user's edits (bursts coalesced, at most one pass queued behind
 * a running one), clear marks, select a finding's cells. The view only renders `PaneState`.
 */
import { checkReport } from '../core/check';
import type { Finding } from '../core/engine/findings';
import { getFormat } from '../core/formats/registry';
import type { FormatDef } from '../core/formats/types';
import type { InsertOptions } from '../excel/template';
import type { SheetRead } from '../excel/read';
import type { Watcher } from '../excel/events';
import { describeExcelError } from '../excel/run';
import { parseA1 } from '../core/template/a1';
import type { RawValue, ReadResult } from '../core/import/grid';
import { parseReport } from '../core/engine/validate';
import { checkNarrative } from '../core/narrative/check';
import type { ExportResult, ExportTarget } from '../core/export';
import { generateNarrative, NarrativeRefusedError, type NarrativeSections } from '../core/narrative/generate';
import { sectionParagraphs, sectionsText } from '../core/narrative/headings';
import type { Host } from './host';

export interface PaneState {
  busy: boolean;
  /** A failure, in Chinese, shown in the status area. */
  error?: string;
  /** A short confirmation (template inserted, marks cleared). */
  notice?: string;
  sheetName?: string;
  /** Set when the findings are those of a file (「检查文件」), not of a sheet. */
  fileName?: string;
  format?: FormatDef;
  year?: number;
  /** True when the sheet is one the add-in inserted. */
  template: boolean;
  findings: Finding[];
  /** Cell id → address on the sheet, for selecting. */
  addresses: Record<string, string>;
  /** How many validation passes have run (for tests and the benchmark). */
  passes: number;
  /** Set once a check has run. */
  checked: boolean;
  /** The last generated text (「生成文字」). */
  narrative?: { sections: Partial<NarrativeSections>; text: string; draft: boolean };
}

/** Where the report's running text lives in the workbook. */
export const NARRATIVE_SHEET = '报告正文';

export interface NarrateRequest {
  body: string;
  /** Used when the sheet does not record its year. */
  year: number;
  zero: 'omit' | 'state';
  draft: boolean;
}

export interface ExportRequest {
  to: ExportTarget;
  body: string;
  year: number;
  /** Why errors (and warnings) are accepted; empty when none is given. */
  reason: string;
}

export interface View {
  render(state: PaneState): void;
}

export class PaneController {
  state: PaneState = { busy: false, template: false, findings: [], addresses: {}, passes: 0, checked: false };
  private watcher?: Watcher;
  /** The cells of the last check, for generating text and exporting. */
  private raw: Record<string, RawValue> = {};
  /** The report's own text (the 报告正文 sheet), once the user asked for it to be checked. */
  private narrativeLines?: string[];
  private running?: Promise<void>;
  private queued = false;

  constructor(
    private readonly host: Host,
    private readonly view: View,
  ) {}

  async start(): Promise<void> {
    try {
      this.watcher = await this.host.watchChanges(() => void this.check());
    } catch (error) {
      this.update({ error: `无法监听工作表的修改，请使用「检查当前工作表」手动检查。（${describeExcelError(error)}）` });
    }
    await this.check();
  }

  async stop(): Promise<void> {
    await this.watcher?.stop();
  }

  /** One validation pass; a request during a pass runs once more after it, never in parallel. */
  check(): Promise<void> {
    if (this.running) {
      this.queued = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.queued) {
        this.queued = false;
        void this.check();
      }
    });
    return this.running;
  }

  async insertTemplate(options: InsertOptions): Promise<void> {
    this.update({ busy: true, error: undefined, notice: undefined });
    try {
      const inserted = await this.host.insertTemplate(options);
      const totals = options.totals === 'value' ? '合计栏也请填写，年报助手会核对是否相符。' : '合计栏（浅蓝色）自动计算。';
      this.update({ busy: false, notice: `已插入新工作表「${inserted.sheetName}」。请在浅黄色单元格中填写数字，${totals}` });
      await this.check();
    } catch (error) {
      this.update({ busy: false, error: `插入模板失败：${describeExcelError(error)}` });
    }
  }

  /** Shows a confirmation in the status area. */
  showNotice(message: string): void {
    this.update({ notice: message, error: undefined });
  }

  /** Shows a problem with the user's input in the status area. */
  showError(message: string): void {
    this.update({ error: message, notice: undefined });
  }

  /** Generates the figure-bearing paragraphs from the last check's tables. */
  narrate(request: NarrateRequest): void {
    const format = this.state.format;
    if (!format) return this.showError('当前工作表没有年度报告表格，无法生成文字。');
    const year = this.state.year ?? request.year;
    try {
      const narrative = generateNarrative({
        format,
        year,
        body: request.body || '本机关',
        values: parseReport({ format, year, cells: this.raw }),
        options: { zeroCategories: request.zero, draft: request.draft, findings: this.state.findings },
      });
      this.update({ error: undefined, notice: narrative.draft ? '表格尚有错误，以下为草稿，每段已注明。' : '已根据表格生成文字，每个数字都取自表格。', narrative: { sections: narrative.sections, text: sectionsText(narrative.sections), draft: narrative.draft } });
    } catch (error) {
      if (!(error instanceof NarrativeRefusedError)) throw error;
      this.update({ narrative: undefined, notice: undefined, error: `${error.message}（可先更正，或勾选“表格有错误时生成草稿”。）` });
    }
  }

  async insertNarrative(title: string): Promise<void> {
    const narrative = this.state.narrative;
    if (!narrative) return this.showError('请先生成文字。');
    this.update({ busy: true, error: undefined, notice: undefined });
    try {
      const sheet = await this.host.writeNarrative(title, sectionParagraphs(narrative.sections));
      this.update({ busy: false, notice: `已将文字写入新工作表「${sheet}」。` });
    } catch (error) {
      this.update({ busy: false, error: `写入文字失败：${describeExcelError(error)}` });
    }
  }

  /** Builds an export of the last checked report, or says why it is refused. */
  async exportAs(request: ExportRequest): Promise<ExportResult | undefined> {
    const format = this.state.format;
    if (!format) {
      this.showError('当前工作表没有年度报告表格，无法导出。');
      return undefined;
    }
    const reason = request.reason.trim() || undefined;
    // The writers (ExcelJS, docx) are most of the pane's code: loaded on the first export only.
    const { exportReport, ExportRefusedError } = await import(/* webpackChunkName: "export" */ '../core/export');
    try {
      // A draft's text is not for publishing: the export then leaves those sections to the user.
      const narrative = this.state.narrative && !this.state.narrative.draft ? this.state.narrative.sections : undefined;
      const result = await exportReport(
        { format, year: this.state.year ?? request.year, body: request.body || undefined, raw: this.raw, findings: this.state.findings, narrative },
        request.to,
        { reason, acceptWarnings: reason },
      );
      this.update({ error: undefined });
      return result;
    } catch (error) {
      if (error instanceof ExportRefusedError) this.update({ notice: undefined, error: `${error.message}（请在“理由”中写明后再导出。）` });
      else this.update({ error: `导出失败：${error instanceof Error ? error.message : String(error)}` });
      return undefined;
    }
  }

  /** Checks the text in the 「报告正文」 sheet against the tables, now and on every later check. */
  async checkNarrativeText(sheetName = NARRATIVE_SHEET): Promise<void> {
    this.update({ busy: true, error: undefined, notice: undefined });
    let lines: string[] | null;
    try {
      lines = await this.host.readSheetText(sheetName);
    } catch (error) {
      this.update({ busy: false, error: `读取正文失败：${describeExcelError(error)}` });
      return;
    }
    if (lines === null) {
      this.update({ busy: false, error: `工作簿中没有「${sheetName}」工作表。请把报告正文粘贴到名为「${sheetName}」的工作表中，或先“生成文字”并插入。` });
      return;
    }
    this.narrativeLines = lines;
    this.update({ busy: false });
    await this.check();
    const mismatches = this.state.findings.filter((f) => f.code === 'narrative.mismatch').length;
    this.update({ notice: mismatches === 0 ? `已核对「${sheetName}」中的文字，与表格一致。` : `「${sheetName}」中有 ${mismatches} 处文字与表格不一致，见下方列表。` });
  }

  /** Opens an exported workbook in Excel; false where the host cannot (the view offers a download). */
  async openWorkbook(bytes: Uint8Array): Promise<boolean> {
    try {
      return await this.host.openWorkbook(bytes);
    } catch (error) {
      this.update({ error: `无法在 Excel 中打开导出的工作簿：${describeExcelError(error)}` });
      return false;
    }
  }

  async clearMarks(): Promise<void> {
    this.update({ busy: true, error: undefined, notice: undefined });
    try {
      const result = await this.host.clearMarks();
      this.update({ busy: false, notice: result.rules > 0 || result.checkCells ? `已清除年报助手添加的 ${result.rules} 条条件格式${result.checkCells ? '和校验单元格' : ''}，表格数据和您的格式未改动。` : '当前工作表没有年报助手添加的标记。' });
    } catch (error) {
      this.update({ busy: false, error: `清除标记失败：${describeExcelError(error)}` });
    }
  }

  async select(finding: Finding): Promise<void> {
    const addresses = finding.cells.map((id) => this.state.addresses[id]).filter((a): a is string => a !== undefined);
    const target = finding.likelyCulprit ? [this.state.addresses[finding.likelyCulprit.cell], ...addresses].filter((a): a is string => a !== undefined) : addresses;
    try {
      await this.host.selectCells([...new Set(target)]);
    } catch (error) {
      this.update({ error: `无法选中单元格：${describeExcelError(error)}` });
    }
  }

  /**
   * Checks a report file read in the pane (`read` runs the core reader) and shows its findings
   * as for a sheet. The workbook is not touched; the next check of the sheet replaces them.
   */
  async checkFile(name: string, read: () => Promise<ReadResult>): Promise<void> {
    this.update({ busy: true, error: undefined, notice: undefined });
    try {
      const report = checkReport(await read());
      const found = report.tables.t2 || report.tables.t3 || report.tables.t4;
      this.update({ busy: false, fileName: name, sheetName: undefined, format: found ? report.format : undefined, year: report.year, template: false, findings: found ? report.findings : [], addresses: {}, checked: true });
    } catch (error) {
      this.update({ busy: false, error: `无法检查文件「${name}」：${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private async pass(): Promise<void> {
    this.update({ busy: true });
    let read: SheetRead;
    try {
      read = await this.host.readActiveSheet();
    } catch (error) {
      this.update({ busy: false, error: `读取工作表失败：${describeExcelError(error)}` });
      return;
    }
    const result = analyse(read);
    if (this.narrativeLines && result.format) {
      const format = result.format;
      result.findings = [...result.findings, ...checkNarrative(this.narrativeLines, format, parseReport({ format, year: result.year, cells: result.raw }))];
    }
    this.raw = result.raw;
    this.watcher?.watch({ worksheetId: read.worksheetId, bounds: result.bounds });
    this.update({ busy: false, error: undefined, sheetName: read.sheetName, fileName: undefined, format: result.format, year: result.year, template: Boolean(read.template), findings: result.findings, addresses: result.addresses, passes: this.state.passes + 1, checked: true });
  }

  private update(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    this.view.render(this.state);
  }
}

interface Analysis {
  raw: Record<string, RawValue>;
  format?: FormatDef;
  year?: number;
  findings: Finding[];
  addresses: Record<string, string>;
  bounds?: { top: number; left: number; bottom: number; right: number };
}

/** Runs the core checks on what was read: by names on our sheets, by recognition elsewhere. */
export function analyse(read: SheetRead): Analysis {
  if (read.template && read.cells) {
    const format = getFormat(read.template.format);
    const report = checkReport({ grids: [], cells: read.cells, meta: { format: read.template.format, year: read.template.year } });
    return { raw: report.raw, format: format ?? report.format, year: read.template.year, findings: report.findings, addresses: read.addresses, bounds: boundsOf(Object.values(read.addresses)) };
  }
  const report = checkReport({ grids: read.grid ? [read.grid] : [] });
  const found = report.tables.t2 || report.tables.t3 || report.tables.t4;
  const addresses: Record<string, string> = {};
  for (const [id, source] of Object.entries(report.sources)) addresses[id] = source.slice(source.lastIndexOf('!') + 1);
  return {
    raw: report.raw,
    format: found ? report.format : undefined,
    year: report.year,
    findings: found ? report.findings : report.findings.filter((f) => f.code !== 'import.tableNotFound'),
    addresses,
    bounds: found ? boundsOf(Object.values(addresses)) : undefined,
  };
}

function boundsOf(addresses: readonly string[]): Analysis['bounds'] {
  const points = addresses.map((a) => parseA1(a)).filter((p): p is { row: number; col: number } => p !== undefined);
  if (points.length === 0) return undefined;
  // Label columns sit left of the values: a change there (a deleted label) matters too.
  return { top: Math.min(...points.map((p) => p.row)) - 4, left: 0, bottom: Math.max(...points.map((p) => p.row)), right: Math.max(...points.map((p) => p.col)) };
}

