/**
 * Task pane entry: waits for Office, then starts the pane against real Excel. When office.js did
 * not load, or Office is not ready in time, the pane says why and what to ask IT for.
 */
import { BASELINE, startPane } from './app';
import { excelHost } from './host';
import { clearStartupFailure, OFFICE_READY_TIMEOUT_MS, showStartupFailure } from './startup';
import './taskpane.css';

if (typeof Office === 'undefined') {
  showStartupFailure(document, 'officeJsMissing');
} else {
  const notReady = setTimeout(() => showStartupFailure(document, 'notReady'), OFFICE_READY_TIMEOUT_MS);
  void Office.onReady((info) => {
    clearTimeout(notReady);
    clearStartupFailure(document);
    if (info.host !== Office.HostType.Excel) {
      const status = document.getElementById('status');
      if (status) status.textContent = '年报助手只能在 Excel 中使用。';
      return;
    }
    startPane(document, excelHost, { supported: Office.context.requirements.isSetSupported('ExcelApi', BASELINE) });
  });
}
