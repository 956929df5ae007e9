/**
 * Rendering the pane state into the DOM. Every text from a workbook goes in through
 * `textContent`, never as HTML.
 */
import { FINDING_GROUPS, tableOfFinding, type Finding } from '../core/engine/findings';
import { messageFor, namer } from '../core/messages';
import { shownFindings, type PaneState, type View } from './controller';
import { describeSource } from '../core/template/last-year';

const SEVERITY_TEXT = { error: '错误', warning: '警告', info: '提示' } as const;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class DomView implements View {
  /** Called when the user clicks a finding. */
  onSelect: (finding: Finding) => void = () => undefined;

  constructor(private readonly doc: Document) {}

  private byId(id: string): HTMLElement {
    const node = this.doc.getElementById(id);
    if (!node) throw new Error(`taskpane.html lacks #${id}`);
    return node;
  }

  render(state: PaneState): void {
    this.doc.body.classList.toggle('is-busy', state.busy);
    for (const id of ['insert', 'check', 'check-file', 'clear', 'narrate', 'check-text', 'export', 'next-blank', 'start-last-year', 'last-year-from-sheet', 'last-year-from-file', 'last-year-change', 'last-year-forget']) (this.byId(id) as HTMLButtonElement).disabled = state.busy;

    const status = this.byId('status');
    status.className = state.error ? 'status status-error' : state.notice ? 'status status-notice' : 'status';
    status.textContent = state.error ?? state.notice ?? (state.busy ? '正在处理……' : '');

    this.renderLive(state);
    this.renderLastYear(state);
    this.renderProgress(state);
    this.renderSummary(state);
    this.renderFindings(state);
    const text = this.byId('narrative-text') as HTMLTextAreaElement;
    text.hidden = !state.narrative;
    this.byId('narrative-actions').hidden = !state.narrative;
    if (state.narrative && text.value !== state.narrative.text) text.value = state.narrative.text;
  }

  /** Shows text the user can select and copy where the host blocks the clipboard. */
  showExportText(text: string): void {
    const area = this.byId('export-text') as HTMLTextAreaElement;
    area.value = text;
    area.hidden = false;
    area.select();
  }

  /** Whether edits are checked as they happen: the user must know when they are not. */
  private renderLive(state: PaneState): void {
    const live = this.byId('live');
    live.hidden = state.live === undefined;
    live.className = state.live === false ? 'live live-off' : 'live';
    live.textContent = state.live ? '实时检查已开启：修改表格后自动检查。' : '实时检查暂未开启（Excel 可能正处于单元格编辑状态，请按回车或 Esc 结束编辑），年报助手正在重试；现在可点击「检查当前工作表」手动检查。';
  }

  /** The picker of last year's report, and which report the cross-year rules use, with what was carried. */
  private renderLastYear(state: PaneState): void {
    const choices = state.lastYearChoices;
    this.byId('last-year-picker').hidden = !choices;
    if (choices) {
      const select = this.byId('last-year-sheet') as HTMLSelectElement;
      const previous = select.value;
      select.replaceChildren(...choices.map((name) => el(this.doc, 'option', undefined, name)));
      if (choices.includes(previous)) select.value = previous;
      select.disabled = choices.length === 0;
      (this.byId('last-year-from-sheet') as HTMLButtonElement).disabled = state.busy || choices.length === 0;
    }
    const card = this.byId('last-year');
    card.hidden = !state.lastYear;
    if (!state.lastYear) return;
    const source = describeSource(state.lastYear);
    this.byId('last-year-source').textContent =
      state.lastYearUsed || !state.checked
        ? `跨年度核对所用的上年数字取自${source}，已保存在本工作簿中。`
        : `本工作簿记住的上年报告为${source}，与当前工作表的年度不衔接，未用于核对。`;
    const summary = this.byId('carry-summary');
    summary.replaceChildren(...(state.carrySummary ?? []).map((line) => el(this.doc, 'li', undefined, line)));
  }

  /** 已填写 N / 166, a bar, and 「下一个未填写」 while cells remain blank. */
  private renderProgress(state: PaneState): void {
    const progress = state.checked ? state.progress : undefined;
    this.byId('progress').hidden = !progress;
    if (!progress) return;
    const done = progress.filled === progress.total;
    this.byId('progress-text').textContent = `已填写 ${progress.filled} / ${progress.total}${done ? '，全部填写完毕' : ''}`;
    const bar = this.byId('progress-bar') as HTMLProgressElement;
    bar.max = Math.max(progress.total, 1);
    bar.value = progress.filled;
    this.byId('next-blank').hidden = done;
  }

  private renderSummary(state: PaneState): void {
    const summary = this.byId('summary');
    summary.replaceChildren();
    if (!state.checked) return;
    const shown = shownFindings(state);
    const errors = shown.filter((f) => f.severity === 'error').length;
    const warnings = shown.filter((f) => f.severity === 'warning').length;
    const where = state.fileName ? `文件「${state.fileName}」` : state.sheetName ? `工作表「${state.sheetName}」` : '当前工作表';
    if (!state.format) {
      const hint = state.fileName ? '（主动公开、收到和处理申请、行政复议和行政诉讼）。' : '。可以点击「插入模板」新建，或把表格粘贴到工作表后点击「检查当前工作表」。';
      summary.append(el(this.doc, 'p', 'summary-line', `${where}中没有找到年度报告表格${hint}`));
      return;
    }
    summary.append(el(this.doc, 'p', 'summary-line', `${where}：${state.format.name}${state.year ? `，${state.year} 年度` : ''}${state.template ? '（年报助手模板）' : ''}`));
    if (errors === 0 && warnings === 0) {
      // Cells still blank: nothing wrong so far, but not everything checked yet.
      if (shown.length < state.findings.length) summary.append(el(this.doc, 'p', 'filling', '已填写的部分未发现问题。未填写的单元格在「检查当前工作表」、生成文字或导出时列出。'));
      else summary.append(el(this.doc, 'p', 'all-pass', '✓ 全部校验通过'));
      return;
    }
    const counts = el(this.doc, 'p', 'counts');
    counts.append(el(this.doc, 'span', 'count count-error', `错误 ${errors} 处`), el(this.doc, 'span', 'count count-warning', `警告 ${warnings} 处`));
    summary.append(counts);
  }

  private renderFindings(state: PaneState): void {
    const list = this.byId('findings');
    list.replaceChildren();
    if (!state.format) return;
    const names = namer(state.format);
    const shown = shownFindings(state);
    for (const group of FINDING_GROUPS) {
      const findings = shown.filter((f) => tableOfFinding(f) === group);
      if (findings.length === 0) continue;
      const errors = findings.filter((f) => f.severity === 'error').length;
      const section = el(this.doc, 'details', 'group');
      section.open = true;
      section.append(el(this.doc, 'summary', 'group-title', `${group === 'other' ? '整体' : names.table(group)}（错误 ${errors}，警告 ${findings.length - errors}）`));
      const items = el(this.doc, 'ul', 'finding-list');
      for (const finding of findings) {
        const item = el(this.doc, 'li');
        const button = el(this.doc, 'button', `finding finding-${finding.severity}`);
        button.type = 'button';
        button.title = '点击选中相关单元格';
        button.append(
          el(this.doc, 'span', `badge badge-${finding.severity}`, SEVERITY_TEXT[finding.severity]),
          el(this.doc, 'span', 'finding-text', messageFor(finding, state.format, 'zh-CN')),
        );
        // A cross-year finding says which report last year's figures are from.
        if (finding.params?.lastYearCells && state.lastYear && state.lastYearUsed) button.append(el(this.doc, 'span', 'finding-source', `上年数字取自${describeSource(state.lastYear)}`));
        button.addEventListener('click', () => this.onSelect(finding));
        item.append(button);
        items.append(item);
      }
      section.append(items);
      list.append(section);
    }
  }
}
