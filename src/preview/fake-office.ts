/**
 * fake-office.js: an in-browser Excel for pages without Excel. Creates the in-memory Excel fake
 * (src/fake-excel) with one empty sheet, makes it calculate (engine.ts), installs it as the
 * globals `Excel`, `Office` and `OfficeExtension` that office.js would define, and exposes it as
 * `window.__nianbaoFake` (and the engine as `window.__nianbaoPreview`).
 *
 * The preview page loads it before its own script; the browser tests answer the task pane's
 * office.js request with it, so the real taskpane.html runs on the fake.
 */
import { createFakeExcel } from '../fake-excel';
import { attachEngine } from './engine';

const fake = createFakeExcel({ sheets: ['Sheet1'], workbookName: '预览工作簿.xlsx' });
const engine = attachEngine(fake);
fake.install();
window.__nianbaoFake = fake;
window.__nianbaoPreview = engine;
