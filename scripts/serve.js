#!/usr/bin/env node
// @ts-check
/**
 * Serves the built add-in (dist/addin) over HTTPS at https://localhost:3000 — the address
 * manifest.xml points at — and explains how to sideload it. `npm start` builds first, then runs this.
 *
 *   node scripts/serve.js [--port 3000] [--root dist/addin] [--self-signed]
 *
 * Certificate: first the trusted localhost certificate of `office-addin-dev-certs` (on Windows and
 * macOS it installs its CA into the user's store, asking once). Where that cannot be installed
 * (Linux without sudo, a locked-down PC, or --self-signed), a self-signed certificate for
 * localhost/127.0.0.1/::1 is generated once and kept under node_modules/.cache/nianbao-dev-cert/;
 * browsers then warn, and Excel may refuse the pane until the certificate is trusted.
 *
 * Also usable from tests: `const { serve } = require('../scripts/serve')`.
 */
'use strict';

const { X509Certificate, createPrivateKey } = require('crypto');
const fs = require('fs');
const https = require('https');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_PORT = 3000;
const CERT_CACHE = path.join(ROOT, 'node_modules', '.cache', 'nianbao-dev-cert');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under `root` a request path names, or null when it names none (outside root, a folder, missing).
 * @param {string} root absolute directory
 * @param {string} urlPath the request's path, percent-encoded
 * @returns {string | null}
 */
function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * A request handler serving the files under `root`; `/` redirects to the preview page.
 * @param {string} root
 * @returns {import('http').RequestListener}
 */
function staticHandler(root) {
  const base = path.resolve(root);
  return (req, res) => {
    const { pathname } = new URL(req.url || '/', 'https://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (pathname === '/') {
      res.writeHead(302, { Location: '/preview.html' }).end();
      return;
    }
    const file = resolveFile(base, pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`404 未找到：${pathname}\n`);
      return;
    }
    const type = TYPES[/** @type {keyof typeof TYPES} */ (path.extname(file).toLowerCase())] || 'application/octet-stream';
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/** @typedef {{ key: string | Buffer, cert: string | Buffer, ca?: string | Buffer }} Credentials */
/** @typedef {{ credentials: Credentials, kind: 'office-addin-dev-certs' | 'self-signed', note?: string }} CertChoice */

/**
 * A self-signed certificate for localhost, reused from `dir` while it has more than a day to run.
 * @param {string} [dir]
 * @returns {Promise<Credentials>}
 */
async function selfSignedCertificate(dir = CERT_CACHE) {
  const certFile = path.join(dir, 'localhost.crt');
  const keyFile = path.join(dir, 'localhost.key');
  try {
    const cert = fs.readFileSync(certFile, 'utf8');
    const key = fs.readFileSync(keyFile, 'utf8');
    const x509 = new X509Certificate(cert);
    if (Date.parse(x509.validTo) - Date.now() > 24 * 3600 * 1000 && x509.checkHost('localhost') && x509.checkPrivateKey(createPrivateKey(key))) {
      return { cert, key };
    }
  } catch {
    // none cached, or unreadable: make a new one
  }
  const selfsigned = require('selfsigned');
  const notBefore = new Date(Date.now() - 60 * 1000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: new Date(notBefore.getTime() + 90 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(certFile, pems.cert);
  fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
  return { cert: pems.cert, key: pems.private };
}

/**
 * The certificate to serve with: office-addin-dev-certs' trusted one, else a self-signed one.
 * @param {{ selfSigned?: boolean }} [options]
 * @returns {Promise<CertChoice>}
 */
async function chooseCertificate(options = {}) {
  let note = '已按 --self-signed 使用自签名证书。';
  if (!options.selfSigned) {
    try {
      const devCerts = require('office-addin-dev-certs');
      const credentials = await devCerts.getHttpsServerOptions();
      return { credentials, kind: 'office-addin-dev-certs' };
    } catch (error) {
      const reason = String(error instanceof Error ? error.message : error).split('\n').find((line) => line.trim()) || '未知原因';
      note = `office-addin-dev-certs 未能安装受信任的开发证书（${reason.trim()}），改用自签名证书。`;
    }
  }
  return { credentials: await selfSignedCertificate(), kind: 'self-signed', note };
}

/**
 * Starts HTTPS servers for `root` on the loopback addresses (127.0.0.1 and, where the machine has
 * IPv6, ::1), since `localhost` may resolve to either.
 * @param {{ root: string, port?: number, credentials: Credentials }} options port 0 picks a free port
 * @returns {Promise<{ port: number, close: () => Promise<void> }>}
 */
async function serve({ root, port = DEFAULT_PORT, credentials }) {
  const handler = staticHandler(root);
  /** @type {import('https').Server[]} */
  const servers = [];
  /** @param {string} host @param {number} onPort */
  const listen = (host, onPort) =>
    new Promise((resolve, reject) => {
      const server = https.createServer({ key: credentials.key, cert: credentials.cert }, handler);
      server.once('error', reject);
      server.listen(onPort, host, () => {
        server.off('error', reject);
        servers.push(server);
        resolve(/** @type {import('net').AddressInfo} */ (server.address()).port);
      });
    });
  const actual = /** @type {number} */ (await listen('127.0.0.1', port));
  try {
    await listen('::1', actual);
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT') {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
      throw error;
    }
  }
  return {
    port: actual,
    close: () => Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve(undefined))))).then(() => undefined),
  };
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = { port: DEFAULT_PORT, root: path.join(ROOT, 'dist', 'addin'), selfSigned: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--self-signed') options.selfSigned = true;
    else if (arg === '--port' && /^\d+$/.test(argv[i + 1] || '')) options.port = Number(argv[++i]);
    else if (arg === '--root' && argv[i + 1]) options.root = path.resolve(argv[++i]);
    else throw new Error(`未知参数：${arg}（可用：--port 端口、--root 目录、--self-signed）`);
  }
  return options;
}

/** @param {{ port: number, cert: CertChoice }} info */
function instructions({ port, cert }) {
  const origin = `https://localhost:${port}`;
  const manifest = path.join(ROOT, 'manifest.xml');
  const lines = [
    '',
    `政务公开年报助手已在 ${origin} 运行（按 Ctrl+C 停止）。`,
    `  任务窗格：${origin}/taskpane.html`,
    `  预览页（不需要 Excel，浏览器打开即可试用）：${origin}/preview.html`,
    `  清单文件：${manifest}`,
    '',
    '在 Excel 中加载（旁加载，sideload）：',
    '  Excel 网页版：打开一个工作簿 → 插入 → 加载项（Office 加载项）→ 上传我的加载项 → 选择上面的 manifest.xml。',
    '  Windows 桌面版：把 manifest.xml 所在目录设为共享文件夹（共享文件夹目录），在 文件 → 选项 → 信任中心 → 信任中心设置 →',
    '    受信任的加载项目录 中添加其网络路径（如 \\\\本机名\\共享名）并勾选“显示在菜单中”，重启 Excel 后从',
    '    插入 → 我的加载项 → 共享文件夹 选择“政务公开年报助手”。',
    '  或在装有 Excel 的电脑（Windows/Mac）上另开一个终端运行：npm run sideload',
    '  之后在“开始”选项卡点击“年报助手”打开任务窗格。',
    '',
  ];
  if (cert.kind === 'office-addin-dev-certs') {
    lines.push('证书：office-addin-dev-certs 的本机开发证书（已受信任）。');
  } else {
    lines.push(
      `证书：${cert.note || ''}`,
      `  证书文件：${path.join(CERT_CACHE, 'localhost.crt')}`,
      '  浏览器会提示“不安全”，预览页可选择继续访问；Excel 只加载受信任证书的页面：',
      '  请在 Windows/Mac 上运行 npm start（首次会提示安装开发证书），或把上面的证书导入为受信任的根证书。',
    );
  }
  lines.push('');
  return lines.join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(options.root, 'taskpane.html'))) {
    process.stderr.write(`${options.root} 中没有 taskpane.html：请先运行 npm run build:addin（npm start 会自动构建）。\n`);
    process.exitCode = 1;
    return;
  }
  const cert = await chooseCertificate({ selfSigned: options.selfSigned });
  let server;
  try {
    server = await serve({ root: options.root, port: options.port, credentials: cert.credentials });
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    process.stderr.write(code === 'EADDRINUSE'
      ? `端口 ${options.port} 已被占用：可能已有一个 npm start 在运行。请先停止它（Ctrl+C）再试。\n`
      : `无法启动 HTTPS 服务：${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  if (options.port !== DEFAULT_PORT) {
    process.stdout.write(`注意：manifest.xml 指向端口 ${DEFAULT_PORT}，在端口 ${server.port} 上只能使用预览页。\n`);
  }
  process.stdout.write(instructions({ port: server.port, cert }));
  const stop = () => {
    void server.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

module.exports = { serve, staticHandler, resolveFile, chooseCertificate, selfSignedCertificate };

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
