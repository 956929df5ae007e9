/**
 * Shared by the browser tests and `npm run bench:addin`: the built add-in (dist/addin) served over
 * plain HTTP on 127.0.0.1, Debian's Chromium driven by playwright-core, and a browser context that
 * never reaches the network — office.js is answered with fake-office.js (the in-memory Excel), any
 * other request off the loopback interface is aborted and recorded.
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The repository (this file also runs compiled under dist/, for the benchmark). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'webpack.config.js'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository above ${from}`);
  }
}

export const ROOT = findRoot(__dirname);
export const ADDIN = path.join(ROOT, 'dist', 'addin');
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Why the browser tests cannot run here, or undefined when they can. */
export function missingPrerequisite(): string | undefined {
  if (!fs.existsSync(CHROMIUM))
    return `Chromium is not installed at ${CHROMIUM}: the browser tests need Debian's chromium package (and fonts-noto-cjk for Chinese text). Run .ci/run, or: apt-get install chromium fonts-noto-cjk (set CHROMIUM_PATH to use another build).`;
  for (const file of ['taskpane.html', 'taskpane.js', 'preview.html', 'preview.js', 'fake-office.js'])
    if (!fs.existsSync(path.join(ADDIN, file))) return `dist/addin/${file} is missing: build the add-in first (npm run build:addin; npm test does it).`;
  return undefined;
}

export async function launchChromium(): Promise<Browser> {
  const missing = missingPrerequisite();
  if (missing) throw new Error(missing);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
}

export interface Served {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** Serves the files under `root` (default dist/addin) over plain HTTP on 127.0.0.1, GET only. */
export function serveStatic(root = ADDIN): Promise<Served> {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    let file: string;
    try {
      file = path.resolve(base, `.${path.posix.normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname))}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (req.method !== 'GET' || !file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface OfflineContext {
  context: BrowserContext;
  /** Requests that were aborted because they left the machine. */
  blocked: string[];
}

/**
 * A browser context where office.js is fake-office.js and nothing leaves the loopback interface.
 * `viewport` defaults to a task pane's 320 × 900. With `fakeOffice: false` the CDN's office.js is
 * not answered either: for pages that load office.js from their own server.
 */
export async function offlineContext(browser: Browser, viewport = { width: 320, height: 900 }, { fakeOffice: answerOfficeJs = true } = {}): Promise<OfflineContext> {
  const fakeOffice = fs.readFileSync(path.join(ADDIN, 'fake-office.js'));
  const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
  const blocked: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (answerOfficeJs && url === OFFICE_JS) {
      await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: fakeOffice });
      return;
    }
    let host = '';
    try {
      host = new URL(url).host.replace(/:\d+$/, '');
    } catch {
      // not a URL with a host: abort below
    }
    if (LOOPBACK.has(host) && url.startsWith('http://')) {
      await route.continue();
      return;
    }
    blocked.push(url);
    await route.abort('blockedbyclient');
  });
  return { context, blocked };
}

/**
 * What the page reports as going wrong, from now on: uncaught exceptions and console errors (a
 * resource refused by the Content-Security-Policy, a failed load). A clean page keeps this empty.
 */
export function consoleProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** PNG bytes start with this signature. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Where a screenshot goes: docs/screenshots/ when UPDATE_SCREENSHOTS=1 (commit those), else a
 * temporary folder (the test still takes it and checks it is a PNG).
 */
export function screenshotPath(name: string, tmp: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : tmp;
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

