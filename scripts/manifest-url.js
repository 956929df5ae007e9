// @ts-check
/**
 * The production rewrite of manifest.xml, shared by webpack.config.js (which writes
 * dist/addin/manifest.xml) and test/manifest/manifest.test.ts (which checks it).
 */
'use strict';

/** Where the source manifest points: the origin `npm start` serves dist/addin at. */
const DEV_URL = 'https://localhost:3000';

/**
 * The base URL the add-in is deployed at, normalised: https only, no credentials, query or
 * fragment, no trailing slash. A path is allowed (`https://intranet.example.gov.cn/nianbao`).
 * @param {string} url
 * @returns {string}
 * @throws {Error} when `url` is not such a URL.
 */
function normaliseAddinUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`ADDIN_URL is not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'https:') {
    throw new Error(`ADDIN_URL must be an https:// URL (Office loads add-ins only over HTTPS): ${url}`);
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw new Error(`ADDIN_URL must not carry credentials, a query or a fragment: ${url}`);
  }
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

/** @param {string} text */
function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * Replaces every `https://localhost:3000` in a manifest by the production base URL.
 * @param {string} xml the source manifest
 * @param {string} url the production base URL (see normaliseAddinUrl)
 * @returns {string}
 * @throws {Error} when `url` is unusable, or when a localhost URL of another form would survive.
 */
function rewriteManifestUrls(xml, url) {
  const base = normaliseAddinUrl(url);
  if (base === DEV_URL) return xml;
  const rewritten = xml.replace(/https:\/\/localhost:3000(?![0-9])/g, escapeXml(base));
  const left = /\b(?:https?:\/\/)?(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?[^\s"<]*/.exec(rewritten);
  if (left) throw new Error(`manifest.xml still points at ${left[0]} after rewriting to ${base}`);
  return rewritten;
}

module.exports = { DEV_URL, normaliseAddinUrl, rewriteManifestUrls };
