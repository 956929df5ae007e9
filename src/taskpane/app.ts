/**
 * Starts the pane on a document that holds taskpane.html's markup, against a host. Used by the
 * task pane entry (real Excel) and by the preview page (the in-browser workbook).
 */
import { formatForYear } from '../core/formats/registry';
import { PaneController } from './controller';
import type { Host } from './host';
import { DomView } from './view';

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
  control(doc, 'check').addEventListener('click', () => void controller.check());
  control(doc, 'clear').addEventListener('click', () => void controller.clearMarks());

  if (!options.supported) controller.showError(`当前 Excel 版本过旧（需要 ExcelApi ${BASELINE}，即 Office 2021 或 Microsoft 365），部分功能可能无法使用。`);
  void controller.start();
  return controller;
}
