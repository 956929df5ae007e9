/**
 * manifest.xml checked offline: `office-addin-manifest validate` posts the file to a remote service,
 * so the structure Office relies on is checked here (`npm run validate:manifest` remains, opt-in),
 * and office-addin-manifest's own reader must read the same facts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { DEV_URL, normaliseAddinUrl, rewriteManifestUrls } from '../../scripts/manifest-url';
import { SIZES, render } from '../../scripts/icons';
import { readPng } from './png';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

const NS = {
  office: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

/** Parses XML, failing on any warning or error the parser reports (not only fatal ones). */
function parse(xml: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(xml, 'application/xml');
  if (problems.length > 0) throw new Error(`manifest.xml is not clean XML:\n${problems.join('\n')}`);
  return doc;
}

function elements(parent: Element, ns?: string, local?: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if ((ns === undefined || el.namespaceURI === ns) && (local === undefined || el.localName === local)) out.push(el);
  }
  return out;
}

function only(parent: Element, ns: string, local: string): Element {
  const found = elements(parent, ns, local);
  if (found.length !== 1) throw new Error(`expected one <${local}> in <${parent.localName}>, found ${found.length}`);
  return found[0];
}

function descendants(doc: Document | Element, ns: string, local: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS(ns, local));
}

function allElements(doc: Document): Element[] {
  return descendants(doc, '*', '*');
}

const xsiType = (el: Element): string | null => el.getAttributeNS(NS.xsi, 'type');
const text = (el: Element): string => (el.textContent ?? '').trim();

const doc = parse(SOURCE);
const app = doc.documentElement as Element;
const overrides = only(app, NS.ov, 'VersionOverrides');
const resources = only(overrides, NS.ov, 'Resources');

type Kind = 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings';
/** Resource id → its element, per kind. */
const defined = new Map<Kind, Map<string, Element>>();
for (const kind of ['Images', 'Urls', 'ShortStrings', 'LongStrings'] as const) {
  const list = elements(resources, NS.bt, kind);
  if (list.length > 1) throw new Error(`<bt:${kind}> appears ${list.length} times`);
  const ids = new Map<string, Element>();
  for (const el of list.length ? elements(list[0], NS.bt) : []) ids.set(el.getAttribute('id') ?? '', el);
  defined.set(kind, ids);
}

/** Which kind of resource a `resid` on an element of this name must name. */
function kindOf(el: Element): Kind {
  switch (el.localName) {
    case 'Image':
      return 'Images';
    case 'SourceLocation':
    case 'LearnMoreUrl':
    case 'FunctionFile':
    case 'Runtime':
      return 'Urls';
    case 'Label':
    case 'Title':
      return 'ShortStrings';
    case 'Description':
      return 'LongStrings';
    default:
      throw new Error(`no rule for resid on <${el.localName}>`);
  }
}

/** Every URL the manifest holds: URL-valued attributes and AppDomain texts. */
function urlsOf(d: Document): string[] {
  const urls: string[] = [];
  for (const el of allElements(d)) {
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.startsWith('xmlns')) continue;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(attr.value)) urls.push(attr.value);
    }
    if (el.localName === 'AppDomain') urls.push(text(el));
  }
  return urls;
}

function resource(kind: Kind, id: string): Element {
  const el = defined.get(kind)?.get(id);
  if (!el) throw new Error(`resid ${id} is not defined in <bt:${kind}>`);
  return el;
}

/** The repository file a localhost:3000 URL is served from (assets are copied as they are). */
function assetFile(url: string): string {
  expect(url.startsWith(`${DEV_URL}/assets/`)).toBe(true);
  return path.join(ROOT, decodeURIComponent(url.slice(DEV_URL.length + 1)));
}

function pngSize(url: string): { width: number; height: number } {
  const png = readPng(fs.readFileSync(assetFile(url)));
  return { width: png.width, height: png.height };
}

describe('manifest.xml', () => {
  test('is well-formed XML: an add-in-only TaskPaneApp manifest', () => {
    expect(app.namespaceURI).toBe(NS.office);
    expect(app.localName).toBe('OfficeApp');
    expect(xsiType(app)).toBe('TaskPaneApp');
    expect(SOURCE.startsWith('<?xml version="1.0" encoding="UTF-8"')).toBe(true);
  });

  test('top-level elements are present and in the order the schema prescribes', () => {
    const order = ['Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
      'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions',
      'AllowSnapshot', 'VersionOverrides'];
    const names = elements(app).map((el) => el.localName ?? '');
    expect(names.filter((n) => !order.includes(n))).toEqual([]);
    expect(names).toEqual([...names].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    for (const required of ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
      'HighResolutionIconUrl', 'SupportUrl', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides']) {
      expect(names).toContain(required);
    }
  });

  test('the id is a GUID of its own, and the version follows package.json', () => {
    const id = text(only(app, NS.office, 'Id'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(id).not.toBe('05c2e1c9-3e1d-406e-9a91-e9ac64854143'); // the yo office template's
    const version = text(only(app, NS.office, 'Version'));
    expect(version).toMatch(/^\d{1,5}(\.\d{1,5}){3}$/);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version).toBe(`${pkg.version}.0`);
  });

  test('Excel workbooks only, read/write, ExcelApi 1.14 (Office 2021 LTSC)', () => {
    const hosts = elements(only(app, NS.office, 'Hosts'), NS.office, 'Host').map((h) => h.getAttribute('Name'));
    expect(hosts).toEqual(['Workbook']);
    expect(text(only(app, NS.office, 'Permissions'))).toBe('ReadWriteDocument');
    const sets = only(only(app, NS.office, 'Requirements'), NS.office, 'Sets');
    const required = elements(sets, NS.office, 'Set').map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')]);
    expect(required).toEqual([['ExcelApi', '1.14']]);
  });

  test('Chinese by default, with English overrides of the names shown in the store and the ribbon', () => {
    expect(text(only(app, NS.office, 'DefaultLocale'))).toBe('zh-CN');
    for (const name of ['DisplayName', 'Description']) {
      const el = only(app, NS.office, name);
      const limit = name === 'DisplayName' ? 125 : 250;
      expect(el.getAttribute('DefaultValue')).toMatch(/[\u4e00-\u9fff]/);
      expect((el.getAttribute('DefaultValue') ?? '').length).toBeLessThanOrEqual(limit);
      const override = elements(el, NS.office, 'Override');
      expect(override.map((o) => o.getAttribute('Locale'))).toEqual(['en-US']);
      expect((override[0].getAttribute('Value') ?? '').length).toBeLessThanOrEqual(limit);
    }
  });

  test('a Home-tab button 「年报助手」 opens the task pane the manifest loads by default', () => {
    const host = only(only(overrides, NS.ov, 'Hosts'), NS.ov, 'Host');
    expect(xsiType(overrides)).toBe('VersionOverridesV1_0');
    expect(xsiType(host)).toBe('Workbook');
    const surface = descendants(host, NS.ov, 'ExtensionPoint').filter((e) => xsiType(e) === 'PrimaryCommandSurface');
    expect(surface).toHaveLength(1);
    const tab = only(surface[0], NS.ov, 'OfficeTab');
    expect(tab.getAttribute('id')).toBe('TabHome');
    const buttons = descendants(tab, NS.ov, 'Control').filter((c) => xsiType(c) === 'Button');
    expect(buttons).toHaveLength(1);
    const label = resource('ShortStrings', only(buttons[0], NS.ov, 'Label').getAttribute('resid') ?? '');
    expect(label.getAttribute('DefaultValue')).toBe('年报助手');
    const action = only(buttons[0], NS.ov, 'Action');
    expect(xsiType(action)).toBe('ShowTaskpane');
    const paneUrl = resource('Urls', only(action, NS.ov, 'SourceLocation').getAttribute('resid') ?? '').getAttribute('DefaultValue');
    const defaultUrl = only(only(app, NS.office, 'DefaultSettings'), NS.office, 'SourceLocation').getAttribute('DefaultValue');
    expect(paneUrl).toBe(`${DEV_URL}/taskpane.html`);
    expect(defaultUrl).toBe(paneUrl);
  });

  test('every resid names a resource of the right kind, and every resource is used', () => {
    const used = new Set<string>();
    const withResid = allElements(doc).filter((el) => el.hasAttribute('resid'));
    expect(withResid.length).toBeGreaterThan(0);
    for (const el of withResid) {
      const id = el.getAttribute('resid') ?? '';
      expect(id.length).toBeLessThanOrEqual(32);
      resource(kindOf(el), id);
      used.add(`${kindOf(el)}/${id}`);
    }
    const all = [...defined].flatMap(([kind, ids]) => [...ids.keys()].map((id) => `${kind}/${id}`));
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((key) => !used.has(key))).toEqual([]);
  });

  test('every string resource is Chinese by default with an en-US override, within Office length limits', () => {
    for (const [kind, limit] of [['ShortStrings', 125], ['LongStrings', 250]] as const) {
      const strings = [...(defined.get(kind) ?? new Map<string, Element>()).values()];
      expect(strings.length).toBeGreaterThan(0);
      for (const el of strings) {
        const value = el.getAttribute('DefaultValue') ?? '';
        expect(value).toMatch(/[\u4e00-\u9fff]/);
        expect(value.length).toBeLessThanOrEqual(limit);
        const override = elements(el, NS.bt, 'Override');
        expect(override.map((o) => o.getAttribute('Locale'))).toEqual(['en-US']);
        expect(override[0].getAttribute('Value')).toMatch(/^[\x20-\x7e]+$/);
        expect((override[0].getAttribute('Value') ?? '').length).toBeLessThanOrEqual(limit);
      }
    }
  });

  test('every URL is https on localhost:3000, and names the task pane or a file in assets/', () => {
    const urls = urlsOf(doc);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) {
      expect(url.startsWith(`${DEV_URL}/`)).toBe(true);
      const { pathname } = new URL(url);
      if (pathname === '/taskpane.html') continue;
      expect(fs.existsSync(assetFile(url))).toBe(true);
    }
  });

  test('every icon is a PNG of the size the manifest declares', () => {
    expect(pngSize(only(app, NS.office, 'IconUrl').getAttribute('DefaultValue') ?? '')).toEqual({ width: 32, height: 32 });
    expect(pngSize(only(app, NS.office, 'HighResolutionIconUrl').getAttribute('DefaultValue') ?? '')).toEqual({ width: 64, height: 64 });
    const images = descendants(overrides, NS.bt, 'Image').filter((el) => el.hasAttribute('resid'));
    expect(new Set(images.map((el) => el.getAttribute('size')))).toEqual(new Set(['16', '32', '80']));
    for (const el of images) {
      const size = Number(el.getAttribute('size'));
      const url = resource('Images', el.getAttribute('resid') ?? '').getAttribute('DefaultValue') ?? '';
      expect(pngSize(url)).toEqual({ width: size, height: size });
    }
  });
});

describe('assets/ icons', () => {
  test.each(SIZES.map((size) => [size]))('icon-%i.png is a real RGBA PNG, exactly what scripts/icons.js draws', (size) => {
    const png = readPng(fs.readFileSync(path.join(ROOT, 'assets', `icon-${size}.png`)));
    expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([size, size, 8, 6]);
    const pixels = render(size);
    const stride = size * 4 + 1;
    expect(png.raw.length).toBe(size * stride);
    for (let y = 0; y < size; y++) {
      expect(png.raw[y * stride]).toBe(0); // filter byte: the script writes unfiltered rows
      expect(png.raw.subarray(y * stride + 1, (y + 1) * stride).equals(pixels.subarray(y * size * 4, (y + 1) * size * 4))).toBe(true);
    }
  });

  test('the sizes Office and the store ask for are all there', () => {
    expect([...SIZES]).toEqual([16, 32, 64, 80, 128]);
  });
});

describe('production rewrite (the function webpack.config.js applies)', () => {
  const paths = (xml: string, base: string): string[] => urlsOf(parse(xml)).map((url) => {
    expect(url.startsWith(`${base}/`)).toBe(true);
    return url.slice(base.length);
  });

  test('the default keeps the localhost manifest as it is', () => {
    expect(rewriteManifestUrls(SOURCE, DEV_URL)).toBe(SOURCE);
    expect(rewriteManifestUrls(SOURCE, `${DEV_URL}/`)).toBe(SOURCE);
  });

  test.each([
    ['https://addin.example.gov.cn', 'https://addin.example.gov.cn'],
    ['https://www.example.gov.cn/zwgk/nianbao/', 'https://www.example.gov.cn/zwgk/nianbao'],
    ['https://intranet.example.gov.cn:8443/addins/nianbao', 'https://intranet.example.gov.cn:8443/addins/nianbao'],
  ])('ADDIN_URL=%s replaces every localhost URL, keeping each path', (given, base) => {
    const out = rewriteManifestUrls(SOURCE, given);
    expect(out).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(paths(out, base)).toEqual(paths(SOURCE, DEV_URL));
    expect(text(only(parse(out).documentElement as Element, NS.office, 'Id'))).toBe(text(only(app, NS.office, 'Id')));
  });

  test('a base URL with XML-special characters stays well-formed and means the same URL', () => {
    const out = rewriteManifestUrls(SOURCE, "https://example.gov.cn/a&b'c");
    const pane = only(only(parse(out).documentElement as Element, NS.office, 'DefaultSettings'), NS.office, 'SourceLocation');
    expect(pane.getAttribute('DefaultValue')).toBe("https://example.gov.cn/a&b'c/taskpane.html");
  });

  test.each(['http://addin.example.gov.cn', 'https://addin.example.gov.cn/?v=2', 'https://addin.example.gov.cn/#x',
    'https://user:secret@addin.example.gov.cn', 'addin.example.gov.cn', ''])('refuses %j', (url) => {
    expect(() => normaliseAddinUrl(url)).toThrow(/ADDIN_URL/);
    expect(() => rewriteManifestUrls(SOURCE, url)).toThrow(/ADDIN_URL/);
  });

  test('refuses to leave a localhost URL of another form behind', () => {
    const xml = SOURCE.replace('https://localhost:3000/assets/help.html"/>\n  <Hosts>', 'http://localhost:8080/help.html"/>\n  <Hosts>');
    expect(xml).not.toBe(SOURCE);
    expect(() => rewriteManifestUrls(xml, 'https://addin.example.gov.cn')).toThrow(/localhost:8080/);
  });
});

/**
 * Microsoft's own manifest reader (office-addin-manifest, the package behind `npm run
 * validate:manifest`) reads the same facts from the source and from a rewritten manifest: what
 * the checks above find by walking the XML is what Office's tooling sees.
 */
describe('office-addin-manifest reads it', () => {
  let tmp: string;
  beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-manifest-'))));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /**
   * In a Node process of its own: the package requires ES-only modules, which Node 20.19+ loads
   * and Jest's module system (before Node 24.9) does not.
   */
  function readWithOfficeAddinManifest(file: string): unknown {
    const script = "require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1]).then((info) => process.stdout.write(JSON.stringify(info)))";
    return JSON.parse(execFileSync(process.execPath, ['-e', script, file], { cwd: ROOT, encoding: 'utf8' })) as unknown;
  }

  test.each([DEV_URL, 'https://addin.example.gov.cn/nianbao'])('with its URLs at %s', (base) => {
    const file = path.join(tmp, 'manifest.xml');
    fs.writeFileSync(file, rewriteManifestUrls(SOURCE, base));
    const info = readWithOfficeAddinManifest(file);
    expect(info).toMatchObject({
      manifestType: 'xml',
      officeAppType: 'TaskPaneApp',
      id: text(only(app, NS.office, 'Id')),
      version: text(only(app, NS.office, 'Version')),
      defaultLocale: 'zh-CN',
      displayName: only(app, NS.office, 'DisplayName').getAttribute('DefaultValue'),
      hosts: ['Workbook'],
      permissions: 'ReadWriteDocument',
      iconUrl: `${base}/assets/icon-32.png`,
      supportUrl: `${base}/assets/help.html`,
      defaultSettings: { sourceLocation: `${base}/taskpane.html` },
    });
  });
});
