/**
 * The preview page: the real task pane (taskpane.html's <main>, injected at build time) beside an
 * in-browser workbook — the Excel fake that fake-office.js installed, drawn by grid.ts — so the
 * add-in can be tried, and driven by browser tests, without Excel.
 */
import '../taskpane/taskpane.css';
import './preview.css';
import { BASELINE, startPane } from '../taskpane/app';
import { createExcelHost } from '../taskpane/host';
import { GridView } from './grid';

function element(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`preview.html lacks #${id}`);
  return node;
}

const engine = window.__nianbaoPreview;
if (!engine) {
  const banner = element('preview-banner');
  banner.className = 'preview-banner preview-error';
  banner.textContent = '预览页没有加载模拟的 Excel（fake-office.js）。请用 npm start 启动后打开 https://localhost:3000/preview.html。';
} else {
  const grid = new GridView(document, engine, {
    container: element('grid'),
    tabs: element('sheet-tabs'),
    nameBox: element('name-box'),
    formulaBar: element('formula-bar'),
    message: element('grid-message'),
  });
  grid.render();
  const supported = engine.fake.Office.context.requirements.isSetSupported('ExcelApi', BASELINE);
  startPane(document, createExcelHost(), { supported });
}
