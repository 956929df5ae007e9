/// <reference types="office-js" />
/**
 * `npm run bench:addin` (also the end of `npm run bench`): the add-in's speed figures.
 *  1. Syncs per validation pass — must be 1 whatever changed (nothing, one cell, a 10,000-cell paste).
 *  2. Syncs to insert the template — a fixed count, for both formats and both kinds of totals.
 *  3. Validation passes after a paste of 10,000 cells over the tables (one change event), and after
 *     10,000 single-cell change events in a burst — at most 2 each.
 *  4. The task-pane script (dist/addin/taskpane.js, office.js not included): minified and gzipped size.
 *  5. Time to interactive of taskpane.html in headless Chromium: from navigation to the frame that
 *     shows the pane's first check result, median of several runs (office.js answered locally by
 *     fake-office.js, so Microsoft's CDN is not part of the figure).
 * 1–3 run the real pane controller and Office.js adapter against the in-memory Excel fake.
 * Exits 1 when a figure misses its target.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { createFakeExcel } from '../src/fake-excel';
import { ADDIN, launchChromium, missingPrerequisite, offlineContext, serveStatic } from '../test/browser/harness';
import { PaneController } from '../src/taskpane/controller';
import { createExcelHost } from '../src/taskpane/host';
import { COALESCE_MS } from '../src/excel/events';
import { a1 } from '../src/core/template/a1';

const TTI_RUNS = Number(process.env.BENCH_TTI_RUNS ?? 7);
let failed = false;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function verdict(ok: boolean): string {
  if (!ok) failed = true;
  return ok ? '✓' : '✗ 未达标';
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A pane (controller and real adapter) on a fresh fake with default timings; `settle` waits out a burst. */
async function paneOnFake() {
  const fake = createFakeExcel({ sheets: ['Sheet1'] });
  const restore = fake.install();
  const controller = new PaneController(createExcelHost(), { render: () => undefined });
  await controller.start();
  const settle = async (): Promise<void> => {
    await fake.flushEvents();
    await sleep(COALESCE_MS * 2 + 50);
    await fake.flushEvents();
    while (controller.state.busy) await sleep(20);
  };
  const close = async (): Promise<void> => {
    await controller.stop();
    restore();
  };
  return { fake, controller, settle, close };
}

async function syncFigures(): Promise<void> {
  // 2. Template insertion.
  const insertion: string[] = [];
  const counts = new Set<number>();
  for (const format of ['2021', '2019']) {
    for (const totals of ['formula', 'value'] as const) {
      const { fake, close } = await paneOnFake();
      const before = fake.stats.syncs;
      await createExcelHost().insertTemplate({ format, year: format === '2019' ? 2020 : 2024, totals });
      const syncs = fake.stats.syncs - before;
      counts.add(syncs);
      insertion.push(`${format} 年格式（合计${totals === 'formula' ? '用公式' : '填数值'}）${syncs} 次`);
      await close();
    }
  }
  const insertionSyncs = [...counts];

  // 1 and 3. Validation passes on an inserted template.
  const { fake, controller, settle, close } = await paneOnFake();
  await controller.insertTemplate({ format: '2021', year: 2024, totals: 'value' });
  await settle();
  const sheet = controller.state.sheetName as string;
  const perPass: number[] = [];
  const measure = async (change: () => void): Promise<{ passes: number; syncs: number; events: number }> => {
    const passes = controller.state.passes;
    const syncs = fake.stats.syncs;
    const events = fake.stats.eventsDelivered;
    change();
    await settle();
    const result = { passes: controller.state.passes - passes, syncs: fake.stats.syncs - syncs, events: fake.stats.eventsDelivered - events };
    if (result.passes > 0) perPass.push(result.syncs / result.passes);
    return result;
  };

  const syncs = fake.stats.syncs;
  const times: number[] = [];
  for (let k = 0; k < 20; k++) {
    const start = process.hrtime.bigint();
    await controller.check();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  perPass.push((fake.stats.syncs - syncs) / 20);
  const one = await measure(() => fake.user.setValues(sheet, controller.state.addresses['t3.granted.commercial'], [[2]]));
  // 100 × 100 cells from A20: over table 三 and 四, one paste, one change event.
  const block = Array.from({ length: 100 }, (_, r) => Array.from({ length: 100 }, (_, c) => (r * 7 + c) % 10));
  const paste = await measure(() => fake.user.setValues(sheet, 'A20:CV119', block));
  // 10,000 cells changed one by one (a fill, a macro), as fast as the events come: below the tables…
  const burst = await measure(() => {
    for (let r = 0; r < 100; r++) for (let c = 0; c < 100; c++) fake.user.setValues(sheet, a1(199 + r, c), [[1]]);
  });
  // …and inside them.
  const burstIn = await measure(() => {
    for (let k = 0; k < 10_000; k++) fake.user.setValues(sheet, controller.state.addresses['t3.received.natural'], [[k % 9]]);
  });
  await close();

  const passSyncs = [...new Set(perPass)];
  console.log(`每次校验的 sync 次数：${passSyncs.join('、')}（无改动 / 改 1 格 / 粘贴 10,000 格 / 10,000 次单格改动）${verdict(passSyncs.length === 1 && passSyncs[0] === 1)}（目标 = 1）`);
  console.log(`一次校验（读取 + 全部规则，内存中的 Excel 模拟）：中位数 ${median(times).toFixed(1)} ms`);
  console.log(`插入模板的 sync 次数：${insertion.join('，')} ${verdict(insertionSyncs.length === 1)}（目标：固定次数）`);
  console.log(`粘贴 10,000 格（覆盖表三、表四，1 个修改事件）后的校验次数：${paste.passes} ${verdict(paste.passes >= 1 && paste.passes <= 2)}（目标 ≤ 2）`);
  console.log(`10,000 个单格修改事件连续到达后的校验次数：表格内 ${burstIn.passes} ${verdict(burstIn.passes >= 1 && burstIn.passes <= 2)}，表格外 ${burst.passes}（无需 sync 即忽略）${verdict(burst.passes === 0)}；改 1 格：${one.passes}`);
}

function sizeFigures(): void {
  for (const name of ['taskpane.js', 'taskpane.css']) {
    const file = path.join(ADDIN, name);
    const body = fs.readFileSync(file);
    const gzip = zlib.gzipSync(body, { level: 9 }).length;
    console.log(`${name}（生产构建${name.endsWith('.js') ? '，不含 office.js' : ''}）：${(body.length / 1024).toFixed(1)} KB，gzip ${(gzip / 1024).toFixed(1)} KB`);
  }
}

async function timeToInteractive(): Promise<void> {
  const missing = missingPrerequisite();
  if (missing) {
    console.log(`任务窗格可交互时间：未测（${missing}）`);
    failed = true;
    return;
  }
  const server = await serveStatic();
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let run = 0; run < TTI_RUNS + 1; run++) {
      const { context } = await offlineContext(browser, { width: 320, height: 900 });
      // Records the frame in which the pane first shows a check result (the summary line). The page
      // scripts are strings: this file is compiled for Node, without the DOM's types.
      await context.addInitScript({
        content: `(() => {
          const observer = new MutationObserver(() => {
            if (!document.querySelector('#summary .summary-line')) return;
            observer.disconnect();
            requestAnimationFrame(() => { window.__nianbaoTti = performance.now(); });
          });
          observer.observe(document, { childList: true, subtree: true });
        })();`,
      });
      const page = await context.newPage();
      await page.goto(`${server.url}/taskpane.html`);
      await page.waitForFunction('window.__nianbaoTti !== undefined', undefined, { timeout: 30_000 });
      const ms = Number(await page.evaluate('window.__nianbaoTti'));
      // The first run warms Chromium up (process start, font cache); it is not counted.
      if (run > 0) times.push(ms);
      await context.close();
    }
    console.log(`任务窗格可交互时间（无头 Chromium，导航开始到显示首次检查结果）：中位数 ${median(times).toFixed(0)} ms（${times.length} 次，${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} ms；office.js 以本地模拟代替，不含从微软 CDN 下载的时间）`);
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  console.log(`nianbao 加载项基准测试（Node ${process.version}）`);
  await syncFigures();
  sizeFigures();
  await timeToInteractive();
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
