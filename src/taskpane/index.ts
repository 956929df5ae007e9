/** Task pane entry: waits for Office, then starts the pane against real Excel. */
import { BASELINE, startPane } from './app';
import { excelHost } from './host';
import './taskpane.css';

Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) {
    const status = document.getElementById('status');
    if (status) status.textContent = '年报助手只能在 Excel 中使用。';
    return;
  }
  startPane(document, excelHost, { supported: Office.context.requirements.isSetSupported('ExcelApi', BASELINE) });
});
