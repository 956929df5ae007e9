/**
 * The task pane's behaviour, free of the DOM: insert the template, check the active sheet (one
 * sync per pass), re-check on the user's edits (bursts coalesced, at most one pass queued behind
 * a running one), clear marks, select a finding's cells. The view only renders `PaneState`.
 */
import { checkReport, foundNoTables } from '../core/check';
import type { Finding } from '../core/engine/findings';
import { formatForYear, getFormat } from '../core/formats/registry';
import type { FormatDef } from '../core/formats/types';
import type { InsertOptions } from '../excel/template';
import { READ_LIMIT, type SheetRead } from '../excel/read';
import type { ChangeFilter, Watcher } from '../excel/events';
import { describeExcelError } from '../excel/run';
import { parseA1 } from '../core/template/a1';
import { inputCellIds, planTemplate } from '../core/template/plan';
import { carryOver, type CarryOver } from '../core/template/carry';
import { CARRY_TEXT, sharedName } from '../core/template/carry-text';
import { describeSource, isLastYearOf, lastYearInput, rememberLastYear, type RememberedLastYear } from '../core/template/last-year';
import { namer } from '../core/messages';
import type { RawValue, ReadResult } from '../core/import/grid';
import type { ParsedCells } from '../core/engine/validate';
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
  /** The checked sheet's id: findings are selected there, whichever sheet is active by then. */
  worksheetId?: string;
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
  /**
   * Whether edits are checked as they happen: false while registering the change handler fails
   * (the user is editing a cell when the pane opens); the pane retries and shows it.
   */
  live?: boolean;
  /** The last generated text (「生成文字」). */
  narrative?: { sections: Partial<NarrativeSections>; text: string; draft: boolean };
  /** On the add-in's template: how many of the cells to fill in hold something, and the first blank one. */
  progress?: Progress;
  /**
   * Whether blank cells are listed: a template being filled in lists them only once the user asks
   * for a full check, generates text or exports; an automatic re-check after an edit goes back to progress.
   */
  listBlanks: boolean;
  /** Last year's report as the workbook remembers it (「从上年报告开始」). */
  lastYear?: RememberedLastYear;
  /** Whether the last check ran the cross-year rules against `lastYear`. */
  lastYearUsed?: boolean;
  /** Set while the user picks last year's report: the other sheets of the workbook. */
  lastYearChoices?: string[];
  /** What 「从上年报告开始」 carried over and what not, one line each. */
  carrySummary?: string[];
}

export interface Progress {
  filled: number;
  total: number;
  /** Id of the first cell, in table order, still blank. */
  next?: string;
}

/** The findings the pane lists: while a template is being filled in, blank cells are progress, not problems. */
export function shownFindings(state: PaneState): Finding[] {
  return state.progress && !state.listBlanks ? state.findings.filter((f) => f.code !== 'cell.blank') : state.findings;
}

/** Where the report's running text lives in the workbook. */
export const NARRATIVE_SHEET = '报告正文';

/** Shown on every pass while the workbook's record of last year's figures cannot be read. */
const DAMAGED_RECORD = '工作簿中记住的上年报告数字已无法读取（可能被改动过），未核对跨年度规则；如需核对，请重新「从上年报告开始」。';

export interface NarrateRequest {
  body: string;
  /** Used when the sheet does not record its year. */
  year: number;
  zero: 'omit' | 'state';
  draft: boolean;
}

/** Where last year's report is: a sheet of this workbook, or a file read in the pane. */
export type LastYearSource = { kind: 'sheet'; name: string } | { kind: 'file'; name: string; read: () => Promise<ReadResult> };

/** What a new template needs when 「从上年报告开始」 has to insert one. */
export interface StartOptions {
  body?: string;
  totals?: 'formula' | 'value';
}

export interface ExportRequest {
  to: ExportTarget;
  body: string;
  year: number;
  /** Why errors (and warnings) are accepted; empty when none is given. */
  reason: string;
}

/** What the view does with an export: a file to download, text to show for copying, or neither. */
export interface Delivery {
  download?: { bytes: Uint8Array; mime: string; name: string };
  text?: string;
}

export interface View {
  render(state: PaneState): void;
}

export interface ControllerOptions {
  /** Pause before registering the change handler again after it failed. */
  listenRetryMs?: number;
}

export const LISTEN_RETRY_MS = 3000;

/** Shown while Excel holds a write back (usually: a cell is being edited). */
export const WRITE_WAITING = 'Excel 尚未完成这项操作。如果正在编辑单元格，请按回车或 Esc 结束编辑，操作随即完成；请勿重复点击。';

export class PaneController {
  state: PaneState = { busy: false, template: false, findings: [], addresses: {}, passes: 0, checked: false, listBlanks: false };
  private watcher?: Watcher;
  /** The cells of the last check, for generating text and exporting. */
  private raw: Record<string, RawValue> = {};
  private parsed: ParsedCells = new Map();
  /** The report's own text (the 报告正文 sheet), once the user asked for it to be checked. */
  private narrativeLines?: string[];
  private running?: Promise<void>;
  private queued = false;
  /** What the watcher should listen to, kept for a watcher registered after a pass. */
  private filter?: ChangeFilter;
  private listenRetry?: ReturnType<typeof setTimeout>;
  private stopped = false;
  /** A write Excel has not finished: the pane starts no other meanwhile. */
  private writing = false;
  /** A copy's template marks are being written back (in the background, while no other write runs). */
  private restoring = false;
  /** How the checked template's totals are made (formulas are never prefilled). */
  private totals: 'formula' | 'value' = 'formula';
  /**
   * The workbook's record of last year's figures: not read yet this session, read (so
   * `state.lastYear` is what it holds), or read and found unusable.
   */
  private remembered: 'unread' | 'read' | 'damaged' = 'unread';

  constructor(
    private readonly host: Host,
    private readonly view: View,
    private readonly options: ControllerOptions = {},
  ) {}

  async start(): Promise<void> {
    await this.listen();
    await this.check();
  }

  /**
   * Last year's report the workbook remembers, read once (another sync) when a pass finds it
   * stored. A failure leaves the cross-year rules off until the next pass, which tries again:
   * what went wrong is returned for the pass to show.
   */
  private async loadRemembered(stored: boolean): Promise<string | undefined> {
    if (!stored) {
      this.remembered = 'unread';
      if (this.state.lastYear) this.update({ lastYear: undefined });
      return undefined;
    }
    if (this.remembered !== 'unread') return this.remembered === 'damaged' ? DAMAGED_RECORD : undefined;
    try {
      const lastYear = await this.host.readRemembered();
      // Stored but not usable: edited by hand or by another program (it is read as hostile input).
      this.remembered = lastYear ? 'read' : 'damaged';
      this.update({ lastYear });
      return lastYear ? undefined : DAMAGED_RECORD;
    } catch (error) {
      return `读取工作簿记住的上年报告失败（${describeExcelError(error)}），本次未核对跨年度规则，下次检查时将重试。`;
    }
  }

  /** 「从上年报告开始」: offers the other sheets of the workbook, or a file. */
  async chooseLastYear(): Promise<void> {
    try {
      this.update({ lastYearChoices: await this.host.listOtherSheets(), error: undefined });
    } catch (error) {
      this.update({ lastYearChoices: [], error: `读取工作表列表失败：${describeExcelError(error)}` });
    }
  }

  cancelLastYear(): void {
    this.update({ lastYearChoices: undefined });
  }

  /**
   * Reads last year's report, remembers it in the workbook and prefills this year's template —
   * the active sheet when it is the template of the year after, else a new one — where blank.
   */
  async startFromLastYear(source: LastYearSource, options: StartOptions = {}): Promise<void> {
    this.update({ busy: true, error: undefined, notice: undefined, carrySummary: undefined });
    const where = source.kind === 'file' ? `文件《${source.name}》` : `工作表「${source.name}」`;
    let last: { format: FormatDef; year?: number; raw: Record<string, RawValue> };
    try {
      last = await this.readLastYear(source);
    } catch (error) {
      this.update({ busy: false, error: `无法读取${where}：${error instanceof Error && source.kind === 'file' ? error.message : describeExcelError(error)}` });
      return;
    }
    if (Object.keys(last.raw).length === 0) {
      this.update({ busy: false, error: `${where}中没有找到年度报告表格，请选择上年的年度报告。` });
      return;
    }
    // This year's template: the sheet the user is on when it is the next year's, else a new one.
    const onTemplate = this.state.template && this.state.worksheetId && (last.year === undefined || this.state.year === last.year + 1);
    if (!onTemplate) {
      const year = last.year === undefined ? undefined : last.year + 1;
      const format = year === undefined ? undefined : formatForYear(year);
      if (!year || !format) {
        this.update({ busy: false, error: `${where}未写明报告年度。请先插入本年度模板并停留在该工作表，再点击「从上年报告开始」。` });
        return;
      }
      this.update({ busy: false, lastYearChoices: undefined });
      await this.insertTemplate({ format: format.id, year, body: options.body, totals: options.totals });
      if (!this.state.template || this.state.year !== year) return;
    }
    const format = this.state.format as FormatDef;
    const plan = planTemplate(format, { year: this.state.year ?? 0, totals: this.totals });
    const carry = carryOver(format, { format: last.format, year: last.year, raw: last.raw }, new Set(plan.cells.filter((c) => c.id && c.sum).map((c) => c.id as string)));
    const record = rememberLastYear(last.format.id, last.year, { name: source.name, kind: source.kind }, last.raw);
    const worksheetId = this.state.worksheetId as string;
    const written = await this.write('结转上年数字失败', (onWaiting) => this.host.remember(record, { worksheetId, addresses: this.state.addresses, values: carry.values }, onWaiting));
    if (!written) return;
    this.remembered = 'read';
    this.update({ busy: false, lastYear: record, lastYearChoices: undefined });
    await this.check();
    this.update({ notice: `已从${describeSource(record)}结转 ${written.value.filled.length} 个单元格。`, carrySummary: carryLines(carry, written.value.kept, format, last.format) });
  }

  /** Last year's report from a sheet or a file, as the check reads it. */
  private async readLastYear(source: LastYearSource): Promise<{ format: FormatDef; year?: number; raw: Record<string, RawValue> }> {
    if (source.kind === 'sheet') {
      const result = analyse(await this.host.readSheet(source.name));
      return { format: result.format ?? (getFormat('2021') as FormatDef), year: result.year, raw: result.format ? result.raw : {} };
    }
    const report = checkReport(await source.read());
    const found = !foundNoTables(report);
    return { format: report.format, year: report.year, raw: found ? report.raw : {} };
  }

  /** 「不再使用」: the workbook forgets last year's report; the cross-year rules stop. */
  async forgetLastYear(): Promise<void> {
    const done = await this.write('删除上年数字失败', () => this.host.forgetRemembered());
    if (!done) return;
    this.update({ busy: false, lastYear: undefined, carrySummary: undefined, notice: '已删除工作簿中记住的上年报告数字，不再核对跨年度规则。' });
    await this.check();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.listenRetry);
    await this.watcher?.stop();
  }

  /**
   * Registers for change events; on failure says live checking is off and tries again later,
   * until it works — a failure while the user edits a cell is not forever.
   */
  private async listen(): Promise<void> {
    this.listenRetry = undefined;
    try {
      const watcher = await this.host.watchChanges(() => {
        // An edit returns a template being filled to its progress view.
        this.update({ listBlanks: false });
        void this.check();
      });
      if (this.stopped) return void (await watcher.stop());
      this.watcher = watcher;
      watcher.watch(this.filter);
      this.update({ live: true });
    } catch {
      this.update({ live: false });
      if (!this.stopped) this.listenRetry = setTimeout(() => void this.listen(), this.options.listenRetryMs ?? LISTEN_RETRY_MS);
    }
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

  /** 「检查当前工作表」: a check that lists everything, blank cells included. */
  fullCheck(): Promise<void> {
    this.update({ listBlanks: true });
    return this.check();
  }

  /** 「下一个未填写」: selects the first cell still blank. */
  async selectNextBlank(): Promise<void> {
    const next = this.state.progress?.next;
    const address = next && this.state.addresses[next];
    if (!address || !this.state.worksheetId) return;
    try {
      await this.host.selectCells(this.state.worksheetId, [address]);
    } catch (error) {
      this.update({ error: `无法选中单元格：${describeExcelError(error)}` });
    }
  }

  async insertTemplate(options: InsertOptions): Promise<void> {
    this.update({ listBlanks: false });
    const inserted = await this.write('插入模板失败', (onWaiting) => this.host.insertTemplate(options, onWaiting));
    if (!inserted) return;
    const totals = options.totals === 'value' ? '合计栏也请填写，年报助手会核对是否相符。' : '合计栏（浅蓝色）自动计算。';
    this.update({ busy: false, notice: `已插入新工作表「${inserted.value.sheetName}」。请在浅黄色单元格中填写数字，${totals}` });
    await this.check();
  }

  /**
   * One write at a time, never retried: Excel holds a write while the user edits a cell (and on
   * desktop clicking the pane does not end the edit, office-js #806), so a second click would
   * run too. While it waits, the pane says why.
   */
  private async write<T>(failure: string, run: (onWaiting: () => void) => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.writing) {
      this.update({ error: '上一项操作尚未完成，请等 Excel 完成后再试。' });
      return undefined;
    }
    this.writing = true;
    this.update({ busy: true, error: undefined, notice: undefined });
    try {
      return { value: await run(() => this.update({ notice: WRITE_WAITING })) };
    } catch (error) {
      this.update({ busy: false, notice: undefined, error: `${failure}：${describeExcelError(error)}` });
      return undefined;
    } finally {
      this.writing = false;
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
    // Blank cells count here: the text would state them as 0.
    this.update({ listBlanks: true });
    const year = this.state.year ?? request.year;
    try {
      const narrative = generateNarrative({
        format,
        year,
        body: request.body || '本机关',
        values: this.parsed,
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
    const sheet = await this.write('写入文字失败', (onWaiting) => this.host.writeNarrative(title, sectionParagraphs(narrative.sections), onWaiting));
    if (sheet) this.update({ busy: false, notice: `已将文字写入新工作表「${sheet.value}」，可点击工作表标签查看。` });
  }

  /** Builds an export of the last checked report, or says why it is refused. */
  async exportAs(request: ExportRequest): Promise<ExportResult | undefined> {
    const format = this.state.format;
    if (!format) {
      this.showError('当前工作表没有年度报告表格，无法导出。');
      return undefined;
    }
    const reason = request.reason.trim() || undefined;
    // Blank cells count here: they are warnings an export must accept.
    this.update({ listBlanks: true });
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

  /**
   * Hands an export to the user the way this Excel allows: .xlsx opened as a new workbook, else a
   * download; text formats also shown for copying. In Excel on Mac downloads do nothing
   * (office-js #2700, #3385): text is offered for copying, and a .docx is honestly refused.
   */
  async deliver(result: ExportResult): Promise<Delivery> {
    const bytes = typeof result.bytes === 'string' ? new TextEncoder().encode(result.bytes) : result.bytes;
    if (result.extension === 'xlsx' && (await this.openWorkbook(bytes))) {
      this.showNotice('已在 Excel 中打开导出的工作簿，请另存。');
      return {};
    }
    const text = typeof result.bytes === 'string' ? result.bytes : undefined;
    const download = { bytes, mime: result.mime, name: `年度报告.${result.extension}` };
    if (this.host.downloadsWork()) {
      this.showNotice(text === undefined ? '已导出，请在浏览器的下载中查看。' : '已导出，请在浏览器的下载中查看；也可复制下方文本框中的内容。');
      return { download, ...(text === undefined ? {} : { text }) };
    }
    if (text !== undefined) {
      this.showNotice(`Mac 版 Excel 不能从加载项下载文件。请复制下方文本框中的全部内容，粘贴到文本编辑器中，保存为“年度报告.${result.extension}”（UTF-8 编码）。`);
      return { text };
    }
    this.showError(`Mac 版 Excel 不能从加载项下载文件，${result.extension === 'docx' ? 'Word 文档' : '此格式'}无法在这里导出。请在网页版 Excel（在浏览器中打开同一工作簿）或 Windows 版 Excel 中导出；在这里可导出 .xlsx（在 Excel 中打开）或 HTML、CSV、JSON（复制文本）。`);
    return {};
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
    const outcome = await this.write('清除标记失败', (onWaiting) => this.host.clearMarks(onWaiting));
    if (!outcome) return;
    const result = outcome.value;
    const cleared = result.rules > 0 || result.checkCells ? `已清除年报助手添加的 ${result.rules} 条条件格式${result.checkCells ? '和校验单元格' : ''}，表格数据和您的格式未改动。` : '当前工作表没有年报助手添加的标记。';
    // Excel refuses some rules that share a range (office-js #5222): say how to remove them by hand
    // (the dialog lists only the selection's rules until 当前工作表 is chosen).
    const left = result.failed > 0 ? `另有 ${result.failed} 条条件格式 Excel 未能读取或删除，请在“开始 → 条件格式 → 管理规则”中，将“显示其格式规则”选为“当前工作表”，删除公式含 N("nianbao") 的规则。` : '';
    this.update({ busy: false, notice: `${cleared}${left}` });
  }

  async select(finding: Finding): Promise<void> {
    const addresses = finding.cells.map((id) => this.state.addresses[id]).filter((a): a is string => a !== undefined);
    const target = finding.likelyCulprit ? [this.state.addresses[finding.likelyCulprit.cell], ...addresses].filter((a): a is string => a !== undefined) : addresses;
    try {
      if (this.state.worksheetId) await this.host.selectCells(this.state.worksheetId, [...new Set(target)]);
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
      const found = !foundNoTables(report);
      this.update({ busy: false, fileName: name, sheetName: undefined, worksheetId: undefined, progress: undefined, format: found ? report.format : undefined, year: report.year, template: false, findings: found ? report.findings : [], addresses: {}, checked: true });
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
    const rememberedProblem = await this.loadRemembered(Boolean(read.lastYearStored));
    const result = analyse(read, this.narrativeLines, this.state.lastYear);
    this.totals = read.template?.totals === 'value' ? 'value' : 'formula';
    this.raw = result.raw;
    this.parsed = result.parsed;
    this.filter = { worksheetId: read.worksheetId, bounds: result.bounds };
    this.watcher?.watch(this.filter);
    // Too big to read whole (Excel on the web's 5 MB per response): say what was checked.
    const cut = read.truncated && !read.template ? { notice: `工作表「${read.sheetName}」共 ${read.truncated.rows} 行、${read.truncated.columns} 列，超出一次读取的范围，只检查了前 ${READ_LIMIT.rows} 行、前 ${READ_LIMIT.columns} 列。年报表格请放在这一范围内，或复制到新的工作表。` } : {};
    if (read.template?.propertiesMissing && !this.writing && !this.restoring) void this.restoreTemplateProperties(read.worksheetId, read.template);
    this.update({ ...cut, busy: false, error: rememberedProblem, sheetName: read.sheetName, fileName: undefined, worksheetId: read.worksheetId, format: result.format, year: result.year, template: Boolean(read.template), findings: result.findings, addresses: result.addresses, progress: result.progress, lastYearUsed: result.lastYearUsed, passes: this.state.passes + 1, checked: true });
  }

  /** A copy of a template sheet: write its marks back, so Excel and later versions know it too. */
  private async restoreTemplateProperties(worksheetId: string, template: { format: string; year: number; totals?: string }): Promise<void> {
    this.restoring = true;
    try {
      await this.host.restoreTemplateProperties(worksheetId, template);
      this.update({ notice: '此工作表是年报助手模板的副本，已按其中的名称识别，并补写了模板标记。' });
    } catch (error) {
      // The check above worked from the names; the next pass tries again.
      this.update({ notice: `此工作表是年报助手模板的副本，已按其中的名称识别；补写模板标记未成功（${describeExcelError(error)}），下次检查时将重试。` });
    } finally {
      this.restoring = false;
    }
  }

  private update(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    this.view.render(this.state);
  }
}

interface Analysis {
  raw: Record<string, RawValue>;
  parsed: ParsedCells;
  format?: FormatDef;
  year?: number;
  findings: Finding[];
  addresses: Record<string, string>;
  bounds?: { top: number; left: number; bottom: number; right: number };
  progress?: Progress;
  /** Whether the cross-year rules ran against the remembered report. */
  lastYearUsed?: boolean;
}

/**
 * Runs the core checks on what was read: by names on our sheets, by recognition elsewhere; with
 * the report's text (「核对正文」), that too.
 */
export function analyse(read: SheetRead, narrative?: readonly string[], remembered?: RememberedLastYear): Analysis {
  // Not against itself: the sheet last year's report was taken from is checked on its own.
  const lastYearFor = (year: number | undefined, strict: boolean): RememberedLastYear | undefined =>
    remembered && !(remembered.sourceKind === 'sheet' && remembered.source === read.sheetName) && isLastYearOf(remembered, year) && (!strict || (remembered.year !== undefined && year !== undefined)) ? remembered : undefined;
  if (read.template && read.cells) {
    const format = getFormat(read.template.format);
    const lastYear = lastYearFor(read.template.year, false);
    const report = checkReport({ grids: [], cells: read.cells, meta: { format: read.template.format, year: read.template.year } }, { narrative, lastYear: lastYear && lastYearInput(lastYear) });
    const progress = format ? progressOf(format, read.template.totals === 'value' ? 'value' : 'formula', report.findings, read.addresses) : undefined;
    return { raw: report.raw, parsed: report.parsed, format: format ?? report.format, year: read.template.year, findings: report.findings, addresses: read.addresses, bounds: boundsOf(Object.values(read.addresses)), progress, lastYearUsed: Boolean(lastYear) };
  }
  // A pasted report: its year is known only once read; the cross-year rules run when it is the next year's.
  const report = checkReport(
    { grids: read.grid ? [read.grid] : [] },
    {
      narrative,
      lastYearFor: (extracted) => {
        const lastYear = foundNoTables({ tables: extracted.tables, findings: extracted.importFindings }) ? undefined : lastYearFor(extracted.year, true);
        return lastYear && lastYearInput(lastYear);
      },
    },
  );
  const found = !foundNoTables(report);
  const addresses: Record<string, string> = {};
  for (const [id, source] of Object.entries(report.sources)) addresses[id] = source.slice(source.lastIndexOf('!') + 1);
  return {
    raw: report.raw,
    parsed: report.parsed,
    format: found ? report.format : undefined,
    year: report.year,
    findings: found ? report.findings : report.findings.filter((f) => f.code !== 'import.tableNotFound'),
    addresses,
    bounds: found ? boundsOf(Object.values(addresses)) : undefined,
    lastYearUsed: report.lastYear !== undefined,
  };
}

/** The cells to fill in that are on the sheet, how many hold something (not blank), and the first blank one. */
function progressOf(format: FormatDef, totals: 'formula' | 'value', findings: readonly Finding[], addresses: Record<string, string>): Progress {
  const blank = new Set(findings.filter((f) => f.code === 'cell.blank').map((f) => f.cells[0]));
  const inputs = inputCellIds(format, totals).filter((id) => id in addresses);
  const next = inputs.find((id) => blank.has(id));
  return { filled: inputs.filter((id) => !blank.has(id)).length, total: inputs.length, next };
}

function boundsOf(addresses: readonly string[]): Analysis['bounds'] {
  const points = addresses.map((a) => parseA1(a)).filter((p): p is { row: number; col: number } => p !== undefined);
  if (points.length === 0) return undefined;
  // Label columns sit left of the values: a change there (a deleted label) matters too.
  return { top: Math.min(...points.map((p) => p.row)) - 4, left: 0, bottom: Math.max(...points.map((p) => p.row)), right: Math.max(...points.map((p) => p.col)) };
}


/** The summary of a carry-over, one line each, in the pane's words (the reasons are the CLI's). */
function carryLines(carry: CarryOver, kept: readonly string[], format: FormatDef, lastFormat: FormatDef): string[] {
  const t = CARRY_TEXT['zh-CN'];
  const names = namer(format);
  const lines: string[] = [];
  const keptSet = new Set(kept);
  for (const code of new Set(carry.carried.map((c) => c.code))) {
    const cells = carry.carried.filter((c) => c.code === code && !keptSet.has(c.cell)).map((c) => c.cell);
    if (cells.length > 0) lines.push(`已结转：${sharedName(cells, format)}，${cells.length} 个单元格，${t.how[code] ?? code}。`);
  }
  if (kept.length > 0) lines.push(`未改动：${kept.map((id) => `「${names.cell(id)}」`).join('、')}已有内容，保留原值，请自行核对。`);
  for (const n of carry.notCarried) lines.push(`未结转：「${names.cell(n.cell)}」，${t.reason[n.reason]}，请据实填写。`);
  if (carry.incomparableTables.length > 0) lines.push(`不可比：上年报告为${lastFormat.name}，其中${carry.incomparableTables.map((table) => `「${namer(lastFormat).table(table)}」`).join('、')}与${format.name}不可比，未结转，也不作跨年度核对。`);
  if (carry.carried.length === 0 && carry.notCarried.length === 0 && carry.incomparableTables.length === 0) lines.push('上年报告中没有可结转的数字。');
  return lines;
}
