/** Types of scripts/manifest-url.js (plain CommonJS so webpack.config.js can require it unbuilt). */

/** Where the source manifest points: the origin `npm start` serves dist/addin at. */
export declare const DEV_URL: 'https://localhost:3000';

/** The deployed base URL normalised (https, no query/fragment/credentials, no trailing slash); throws otherwise. */
export declare function normaliseAddinUrl(url: string): string;

/** Every `https://localhost:3000` in `xml` replaced by the base URL; throws if any localhost URL would survive. */
export declare function rewriteManifestUrls(xml: string, url: string): string;
