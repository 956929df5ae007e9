/**
 * scripts/serve.js, the HTTPS server behind `npm start`: serves a folder on the loopback addresses
 * with a self-signed certificate for localhost, and nothing outside that folder.
 */
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { X509Certificate } from 'crypto';
import { resolveFile, selfSignedCertificate, serve } from '../../scripts/serve';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let dir: string;
let root: string;
let cert: { cert: string | Buffer; key: string | Buffer };
let server: { port: number; close: () => Promise<void> };

/** One request, verifying the server's certificate against the self-signed one (so also its host name). */
function request(urlPath: string, method = 'GET', host = 'localhost'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host, port: server.port, path: urlPath, method, ca: cert.cert, servername: 'localhost', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-serve-'));
  root = path.join(dir, 'site');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'taskpane.html'), '<!doctype html><title>年报助手</title>');
  fs.writeFileSync(path.join(root, 'taskpane.js'), 'void 0;');
  fs.writeFileSync(path.join(root, 'assets', 'icon 16.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the served folder');
  cert = await selfSignedCertificate(path.join(dir, 'cert'));
  server = await serve({ root, port: 0, credentials: cert });
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('scripts/serve.js', () => {
  test('the self-signed certificate is for localhost and the loopback addresses, and is reused', async () => {
    const x509 = new X509Certificate(cert.cert);
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(Date.parse(x509.validTo) - Date.now()).toBeGreaterThan(30 * 24 * 3600 * 1000);
    const again = await selfSignedCertificate(path.join(dir, 'cert'));
    expect(again.cert).toBe(cert.cert);
  });

  test('serves files with their types over a certificate that verifies', async () => {
    const page = await request('/taskpane.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('年报助手');
    expect((await request('/taskpane.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    const icon = await request('/assets/icon%2016.png');
    expect([icon.status, icon.headers['content-type']]).toEqual([200, 'image/png']);
    expect((await request('/taskpane.html', 'GET', '127.0.0.1')).status).toBe(200);
  });

  test('/ leads to the preview page; HEAD has no body; other methods are refused', async () => {
    const home = await request('/');
    expect([home.status, home.headers.location]).toEqual([302, '/preview.html']);
    const head = await request('/taskpane.html', 'HEAD');
    expect([head.status, head.body]).toEqual([200, '']);
    expect((await request('/taskpane.html', 'POST')).status).toBe(405);
  });

  test('nothing outside the folder, and no folders, are served', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets', '/missing.html', '/%E0%A4%A']) {
      expect({ p, status: (await request(p)).status }).toEqual({ p, status: 404 });
    }
    expect(resolveFile(root, '/../secret.txt')).toBeNull();
    expect(resolveFile(root, '/taskpane.html%00.png')).toBeNull();
    expect(resolveFile(root, '/taskpane.html')).toBe(path.join(root, 'taskpane.html'));
  });
});
