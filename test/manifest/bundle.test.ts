/**
 * The built add-in in dist/addin (`npm test` runs `npm run build:addin` first): the pages, the
 * assets and the rewritten manifest are there, office.js comes from Microsoft's CDN and is not
 * bundled, and the production scripts contain no eval and no source maps.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEV_URL, rewriteManifestUrls } from '../../scripts/manifest-url';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'dist', 'addin');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [path.relative(OUT, full).split(path.sep).join('/')];
  });
}

/** The src of each <script> of an HTML page, in order (the build minifies, so quotes are optional). */
function scripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi)].map((m) => m[1] ?? m[2] ?? m[3]);
}

const built = fs.existsSync(path.join(OUT, 'manifest.xml'));

describe('dist/addin', () => {
  test('has been built (npm run build:addin)', () => {
    expect(built).toBe(true);
  });

  const maybe = built ? test : test.skip;

  maybe('holds both pages, their scripts, the assets and the manifest', () => {
    const list = files(OUT);
    for (const name of ['taskpane.html', 'taskpane.js', 'preview.html', 'preview.js', 'manifest.xml', 'assets/help.html']) {
      expect(list).toContain(name);
    }
    for (const asset of fs.readdirSync(path.join(ROOT, 'assets'))) expect(list).toContain(`assets/${asset}`);
  });

  maybe('the manifest is the source manifest with its URLs rewritten, and every file it names was built', () => {
    const source = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    const out = fs.readFileSync(path.join(OUT, 'manifest.xml'), 'utf8');
    const pane = /<SourceLocation DefaultValue="([^"]+)\/taskpane\.html"/.exec(out);
    expect(pane).not.toBeNull();
    const base = (pane as RegExpExecArray)[1].replace(/&amp;/g, '&').replace(/&apos;/g, "'");
    expect(out).toBe(rewriteManifestUrls(source, base));
    for (const [, url] of source.matchAll(/"(https:\/\/localhost:3000\/[^"]+)"/g)) {
      expect(fs.existsSync(path.join(OUT, decodeURIComponent(url.slice(DEV_URL.length + 1))))).toBe(true);
    }
  });

  maybe('the task pane loads office.js from the CDN, before its own script, and everything else from its own origin', () => {
    const html = fs.readFileSync(path.join(OUT, 'taskpane.html'), 'utf8');
    const srcs = scripts(html);
    expect(srcs[0]).toBe(OFFICE_JS);
    expect(srcs).toContain('taskpane.js');
    expect(srcs.slice(1).filter((src) => /^[a-z]+:|^\/\//i.test(src))).toEqual([]);
  });

  maybe('office.js is not bundled; no eval, no Function constructor, no source maps in production scripts', () => {
    for (const name of files(OUT).filter((f) => f.endsWith('.js') || f.endsWith('.mjs'))) {
      const js = fs.readFileSync(path.join(OUT, name), 'utf8');
      expect({ name, eval: /\beval\s*\(/.test(js) }).toEqual({ name, eval: false });
      expect({ name, newFunction: /\bnew\s+Function\s*\(/.test(js) }).toEqual({ name, newFunction: false });
      expect({ name, sourceMap: js.includes('sourceMappingURL') }).toEqual({ name, sourceMap: false });
      expect({ name, officeJs: /OSF\.|Microsoft\.Office\.WebExtension/.test(js) }).toEqual({ name, officeJs: false });
    }
    expect(files(OUT).filter((f) => f.endsWith('.map'))).toEqual([]);
  });
});
