/**
 * The task pane when it cannot start (dist/addin/taskpane.html in headless Chromium): office.js
 * blocked — as on networks that cannot reach Microsoft's CDN — and Office never becoming ready.
 * The pane must say what happened and what to ask IT for, in place of its controls.
 */
import * as fs from 'fs';
import { OFFICE_JS, PNG_SIGNATURE, offlineContext, screenshotPath } from './harness';
import { useBrowserSuite } from './suite';
import { OFFICE_READY_TIMEOUT_MS, STARTUP_MESSAGES } from '../../src/taskpane/startup';

const suite = useBrowserSuite('nianbao-startup-');

test('office.js cannot be loaded: the pane names the cause and what to ask IT for', async () => {
  const { context } = await offlineContext(suite.browser!, { width: 320, height: 700 });
  // Registered last, so it wins over the harness's fake office.js: the CDN is unreachable.
  await context.route(OFFICE_JS, (route) => route.abort('internetdisconnected'));
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${suite.server!.url}/taskpane.html`);

  const alert = page.getByRole('alert');
  await alert.waitFor();
  const message = STARTUP_MESSAGES.officeJsMissing;
  expect(await alert.innerText()).toBe([message.title, message.cause, message.remedy].join('\n\n'));
  expect(await alert.innerText()).toContain('OFFICE_JS=local');
  // The controls that cannot work are not offered.
  expect(await page.getByRole('button', { name: '插入模板' }).isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: '检查当前工作表' }).isVisible()).toBe(false);
  expect(pageErrors).toEqual([]);

  const file = screenshotPath('office-js-failed.png', suite.tmp);
  await page.screenshot({ path: file });
  expect(fs.readFileSync(file).subarray(0, 8)).toEqual(PNG_SIGNATURE);
  await context.close();
});

test('Office never becomes ready: after the wait the pane says so and what to do', async () => {
  const { context } = await offlineContext(suite.browser!, { width: 320, height: 700 });
  // An office.js that loads but whose Office never calls back (Excel not answering).
  await context.route(OFFICE_JS, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: 'window.Office = { HostType: { Excel: "Excel" }, onReady: function () { return new Promise(function () {}); } };' }),
  );
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${suite.server!.url}/taskpane.html`);
  expect(await page.getByRole('alert').count()).toBe(0);
  await page.clock.fastForward(OFFICE_READY_TIMEOUT_MS + 1000);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.innerText()).toContain(STARTUP_MESSAGES.notReady.title);
  expect(await alert.innerText()).toContain('信息技术部门');
  await context.close();
});

test('Office ready after the wait (a slow cold start): the message goes and the pane starts', async () => {
  const { context } = await offlineContext(suite.browser!, { width: 320, height: 700 });
  // An office.js whose Office answers only when the test says so, and not from inside Excel.
  await context.route(OFFICE_JS, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/javascript; charset=utf-8',
      body: 'window.Office = { HostType: { Excel: "Excel" }, onReady: function (cb) { window.becomeReady = function () { cb({ host: "Word" }); }; return new Promise(function () {}); } };',
    }),
  );
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${suite.server!.url}/taskpane.html`);
  await page.clock.fastForward(OFFICE_READY_TIMEOUT_MS + 1000);
  await page.getByRole('alert').waitFor();
  await page.evaluate(() => (window as unknown as { becomeReady: () => void }).becomeReady());
  expect(await page.getByRole('alert').count()).toBe(0);
  await page.getByText('年报助手只能在 Excel 中使用。').waitFor({ state: 'visible' });
  await context.close();
});
