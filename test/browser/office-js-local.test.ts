/**
 * `OFFICE_JS=local npm run build:addin`: the task pane takes office.js from the add-in's own
 * server (the pinned @microsoft/office-js copy), so it loads on a network that cannot reach
 * Microsoft's CDN. Built into a temporary folder, served on the loopback interface, opened in
 * Chromium with every other host blocked: the real office.js runs (outside Office it reports
 * that, which is how the pane answers), and nothing was asked of another host.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { consoleProblems, offlineContext, ROOT, serveStatic, type Served } from './harness';
import { useBrowserSuite } from './suite';

const suite = useBrowserSuite('nianbao-office-local-');
let out: string;
let server: Served;

beforeAll(async () => {
  out = path.join(suite.tmp, 'addin');
  execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--output-path', out], {
    cwd: ROOT,
    env: { ...process.env, OFFICE_JS: 'local' },
    stdio: 'pipe',
  });
  server = await serveStatic(out);
}, 600_000);
afterAll(() => server?.close());

test('the built page names no other host: office.js is its own copy, the policy allows only its origin', () => {
  const html = fs.readFileSync(path.join(out, 'taskpane.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]*)"|([^\s>]+))/gi)].map((m) => m[1] ?? m[2]);
  expect(scripts).toEqual(['office-js/office.js', 'taskpane.js']);
  const policy = /Content-Security-Policy content="([^"]*)"/.exec(html)![1];
  expect(policy).toMatch(/script-src 'self';/);
  expect(policy).toMatch(/connect-src 'self';/);
  expect(html).not.toContain('appsforoffice');
  // The Excel scripts office.js loads are there; the other hosts' are not.
  expect(fs.existsSync(path.join(out, 'office-js', 'excel-win32-16.01.js'))).toBe(true);
  expect(fs.existsSync(path.join(out, 'office-js', 'zh-cn', 'office_strings.js'))).toBe(true);
  expect(fs.readdirSync(path.join(out, 'office-js')).filter((f) => /^(word|outlook|powerpoint)|\.debug\.js$/.test(f))).toEqual([]);
});

test('in Chromium the pane loads office.js from its own server and asks nothing of any other host', async () => {
  const { context, blocked } = await offlineContext(suite.browser!, undefined, { fakeOffice: false });
  const page = await context.newPage();
  const requested: string[] = [];
  const failed: string[] = [];
  const problems = consoleProblems(page);
  page.on('request', (request) => requested.push(request.url()));
  page.on('requestfailed', (request) => failed.push(request.url()));
  await page.goto(`${server.url}/taskpane.html`);
  // office.js ran and called Office.onReady: outside Office the pane says where it works.
  await page.getByText('年报助手只能在 Excel 中使用。').waitFor();
  expect(requested).toContain(`${server.url}/office-js/office.js`);
  expect(requested.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
  expect([blocked, failed]).toEqual([[], []]);
  // No web fonts or other resources refused by the page's policy.
  expect(problems).toEqual([]);
  await context.close();
});
