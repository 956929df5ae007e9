/** Test-file setup for the browser tests (jest globals: kept out of harness.ts, which the add-in bench also loads). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { launchChromium, serveStatic, type Served } from './harness';

export interface BrowserSuite {
  browser?: Browser;
  server?: Served;
  tmp: string;
}

/** One Chromium, one static server for dist/addin and one temp folder for a test file, closed after it. */
export function useBrowserSuite(prefix: string): BrowserSuite {
  const suite: BrowserSuite = { tmp: '' };
  beforeAll(async () => {
    suite.tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    suite.browser = await launchChromium();
    suite.server = await serveStatic();
  }, 60_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
    fs.rmSync(suite.tmp, { recursive: true, force: true });
  });
  return suite;
}
