/** Task pane entry: waits for Office, wires the form to the controller. Owns all side effects. */
import { formatForYear } from '../core/formats/registry';
import { PaneController } from './controller';
import { excelHost } from './host';
import { DomView } from './view';
import './taskpane.css';

const BASELINE = '1.14';

function input(id: string): HTMLInputElement | HTMLSelectElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`taskpane.html lacks #${id}`);
  return node as HTMLInputElement | HTMLSelectElement;
}

function wire(controller: PaneController): void {
  const year = input('year') as HTMLInputElement;
  const format = input('format') as HTMLSelectElement;
  // Staff fill in last year's report: default to it, and to the format that year requires.
  year.value = String(new Date().getFullYear() - 1);
  const followYear = (): void => {
    const required = formatForYear(Number(year.value));
    if (required) format.value = required.id;
  };
  followYear();
  year.addEventListener('change', followYear);
  document.getElementById('insert')?.addEventListener('click', () => {
    const y = Number(year.value);
    if (!Number.isInteger(y) || y < 2019 || y > 2100) {
      controller.showError('请填写 2019 年以后的报告年度，例如 2024。');
      return;
    }
    void controller.insertTemplate({ format: format.value, year: y, body: (input('body') as HTMLInputElement).value.trim() || undefined, totals: (input('totals-formula') as HTMLInputElement).checked ? 'formula' : 'value' });
  });
  document.getElementById('check')?.addEventListener('click', () => void controller.check());
  document.getElementById('clear')?.addEventListener('click', () => void controller.clearMarks());
}

Office.onReady((info) => {
  const view = new DomView(document);
  const controller = new PaneController(excelHost, view);
  view.onSelect = (finding) => void controller.select(finding);
  wire(controller);
  if (info.host !== Office.HostType.Excel) {
    view.render({ ...controller.state, error: '年报助手只能在 Excel 中使用。' });
    return;
  }
  if (!Office.context.requirements.isSetSupported('ExcelApi', BASELINE)) {
    view.render({ ...controller.state, error: `当前 Excel 版本过旧（需要 ExcelApi ${BASELINE}，即 Office 2021 或 Microsoft 365）。部分功能可能无法使用。` });
  }
  void controller.start();
});
