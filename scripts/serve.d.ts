/** Types of scripts/serve.js (plain CommonJS, run as `node scripts/serve.js` by `npm start`). */
import type { RequestListener } from 'http';

export interface Credentials {
  key: string | Buffer;
  cert: string | Buffer;
  ca?: string | Buffer;
}

export interface CertChoice {
  credentials: Credentials;
  kind: 'office-addin-dev-certs' | 'self-signed';
  /** Why the self-signed certificate is used. */
  note?: string;
}

/** HTTPS servers for `root` on 127.0.0.1 and ::1; port 0 picks a free port. */
export declare function serve(options: { root: string; port?: number; credentials: Credentials }): Promise<{ port: number; close: () => Promise<void> }>;

/** A request handler serving the files under `root`; `/` redirects to /preview.html. */
export declare function staticHandler(root: string): RequestListener;

/** The file under `root` a percent-encoded request path names, or null (outside root, a folder, missing). */
export declare function resolveFile(root: string, urlPath: string): string | null;

/** office-addin-dev-certs' trusted certificate, else a self-signed one. */
export declare function chooseCertificate(options?: { selfSigned?: boolean }): Promise<CertChoice>;

/** A self-signed certificate for localhost/127.0.0.1/::1, cached in `dir` while it has more than a day to run. */
export declare function selfSignedCertificate(dir?: string): Promise<Credentials>;
