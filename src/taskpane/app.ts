/**
 * Starts the pane on a document that holds taskpane.html's markup, against a host. Used by the
 * task pane entry (real Excel) and by the preview page (the in-browser workbook).
 */
import { formatForYear } from '../core/formats/registry';
import { PaneController } from './controller';
import type { Host } from './host';
import { DomView } from './view';
import type { ExportTarget } from '../core/export';
import type { ExportRequest } from './controller';

export const BASELINE = '1.14';

function control<T extends HTMLElement>(doc: Document, id: string): T {
  const node = doc.getElementById(id);
  if (!node) throw new Error(`taskpane.html lacks #${id}`);
  return node as T;
}

export interface StartOptions {
  /** Whether the host supports the baseline requirement set (Office.context.requirements). */
  supported: boolean;
  /** The current year, for the default report year (last year). */
  now?: Date;
}

export function startPane(doc: Document, host: Host, options: StartOptions): PaneController {
  const view = new DomView(doc);
  const controller = new PaneController(host, view);
  view.onSelect = (finding) => void controller.select(finding);

  const year = control<HTMLInputElement>(doc, 'year');
  const format = control<HTMLSelectElement>(doc, 'format');
  // Staff fill in last year's report: default to it, and to the format that year requires.
  year.value = String((options.now ?? new Date()).getFullYear() - 1);
  const followYear = (): void => {
    const required = formatForYear(Number(year.value));
    if (required) format.value = required.id;
  };
  followYear();
  year.addEventListener('change', followYear);
  control(doc, 'insert').addEventListener('click', () => {
    const y = Number(year.value);
    if (!Number.isInteger(y) || y < 2019 || y > 2100) {
      controller.showError('请填写 2019 年以后的报告年度，例如 2024。');
      return;
    }
    const body = control<HTMLInputElement>(doc, 'body').value.trim();
    const totals = control<HTMLInputElement>(doc, 'totals-formula').checked ? 'formula' : 'value';
    void controller.insertTemplate({ format: format.value, year: y, body: body || undefined, totals });
  });
  const body = (): string => control<HTMLInputElement>(doc, 'body').value.trim();
  control(doc, 'narrate').addEventListener('click', () =>
    controller.narrate({ body: body(), year: Number(year.value), zero: control<HTMLInputElement>(doc, 'zero-state').checked ? 'state' : 'omit', draft: control<HTMLInputElement>(doc, 'draft').checked }),
  );
  control(doc, 'copy-narrative').addEventListener('click', () => void copyText(doc, control<HTMLTextAreaElement>(doc, 'narrative-text'), controller));
  control(doc, 'insert-narrative').addEventListener('click', () => void controller.insertNarrative(body() ? `${body()}${controller.state.year ?? year.value}年政府信息公开工作年度报告` : `${controller.state.year ?? year.value}年政府信息公开工作年度报告`));
  control(doc, 'export').addEventListener('click', () => void exportReportFile(doc, controller, view, { to: control<HTMLSelectElement>(doc, 'export-to').value as ExportTarget, body: body(), year: Number(year.value), reason: control<HTMLTextAreaElement>(doc, 'export-reason').value }));
  control(doc, 'check-text').addEventListener('click', () => void controller.checkNarrativeText());
  control(doc, 'check').addEventListener('click', () => void controller.fullCheck());
  control(doc, 'next-blank').addEventListener('click', () => void controller.selectNextBlank());
  const fileInput = control<HTMLInputElement>(doc, 'check-file-input');
  control(doc, 'check-file').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    // The readers (saxes, pdf.js, ExcelJS) load only now: the pane's first load stays small.
    void controller.checkFile(file.name, async () => (await import(/* webpackChunkName: "file" */ './file')).readReportBytes(file.name, new Uint8Array(await file.arrayBuffer())));
    fileInput.value = '';
  });
  control(doc, 'clear').addEventListener('click', () => void controller.clearMarks());

  // 「从上年报告开始」: a sheet of this workbook or a file, read here with the core readers.
  const lastYearOptions = () => ({ body: body() || undefined, totals: control<HTMLInputElement>(doc, 'totals-formula').checked ? ('formula' as const) : ('value' as const) });
  control(doc, 'start-last-year').addEventListener('click', () => void controller.chooseLastYear());
  control(doc, 'last-year-change').addEventListener('click', () => void controller.chooseLastYear());
  control(doc, 'last-year-cancel').addEventListener('click', () => controller.cancelLastYear());
  control(doc, 'last-year-forget').addEventListener('click', () => void controller.forgetLastYear());
  control(doc, 'last-year-from-sheet').addEventListener('click', () => {
    const name = control<HTMLSelectElement>(doc, 'last-year-sheet').value;
    if (name) void controller.startFromLastYear({ kind: 'sheet', name }, lastYearOptions());
  });
  const lastYearFile = control<HTMLInputElement>(doc, 'last-year-file-input');
  control(doc, 'last-year-from-file').addEventListener('click', () => lastYearFile.click());
  lastYearFile.addEventListener('change', () => {
    const file = lastYearFile.files?.[0];
    if (!file) return;
    const read = async () => (await import(/* webpackChunkName: "file" */ './file')).readReportBytes(file.name, new Uint8Array(await file.arrayBuffer()));
    void controller.startFromLastYear({ kind: 'file', name: file.name, read }, lastYearOptions());
    lastYearFile.value = '';
  });

  // Excel on Mac drops downloads (office-js #2700, #3385): a .docx cannot leave the pane there.
  if (!host.downloadsWork()) {
    const docx = doc.querySelector<HTMLOptionElement>('#export-to option[value="docx"]');
    if (docx) {
      docx.disabled = true;
      docx.textContent = `${docx.textContent ?? ''}——Mac 版 Excel 不能下载文件，请在网页版或 Windows 版导出`;
    }
  }
  if (!options.supported) controller.showError(`当前 Excel 版本过旧（需要 ExcelApi ${BASELINE}，即 Office 2021 或 Microsoft 365），部分功能可能无法使用。`);
  void controller.start();
  return controller;
}

/** Copies the text where the host allows the clipboard; otherwise selects it for Ctrl+C. */
async function copyText(doc: Document, area: HTMLTextAreaElement, controller: PaneController): Promise<void> {
  area.select();
  try {
    await doc.defaultView?.navigator.clipboard.writeText(area.value);
    controller.showNotice('已复制到剪贴板。');
  } catch {
    // Excel on the web blocks the clipboard in its frame: the text stays selected instead.
    controller.showNotice('已选中全部文字，请按 Ctrl+C（Mac 为 ⌘+C）复制。');
  }
}

/** Exports and delivers the file the way the platform allows (the controller decides how). */
async function exportReportFile(doc: Document, controller: PaneController, view: DomView, request: ExportRequest): Promise<void> {
  const result = await controller.exportAs(request);
  if (!result) return;
  const delivery = await controller.deliver(result);
  if (delivery.text !== undefined) view.showExportText(delivery.text);
  if (delivery.download) download(doc, delivery.download.bytes, delivery.download.mime, delivery.download.name);
}

/** A download through a temporary link (Excel on the web and Windows; not Mac). */
function download(doc: Document, bytes: Uint8Array, mime: string, name: string): void {
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mime }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
