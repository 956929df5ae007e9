#!/usr/bin/env node
// @ts-check
/**
 * Draws the add-in's icons and writes them as PNG files: `node scripts/icons.js` → assets/icon-{16,32,64,80,128}.png.
 *
 * The emblem: a red tile holding a white report sheet ruled as a table (a header row and a label
 * column), and from 32 px up a green check badge. Edges are snapped to whole pixels at every size so
 * the 16 px ribbon icon stays sharp; curves are anti-aliased by 8×8 supersampling. The PNG encoder is
 * the smallest that is correct: one IHDR (8-bit RGBA), one zlib IDAT with filter 0 rows, IEND.
 * The output is deterministic; the committed PNGs are what this script writes.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80, 128];

const RED = [0xb7, 0x1c, 0x1c];
const WHITE = [0xff, 0xff, 0xff];
const HEADER = [0xf6, 0xc9, 0xc5];
const RULE = [0xb7, 0x1c, 0x1c];
const GREEN = [0x2e, 0x7d, 0x32];

/** @typedef {[number, number, number]} Rgb */
/**
 * A shape in one colour. `box` bounds it (pixels outside have none of it); `convex` shapes cover
 * a whole pixel when they hold its four corners, which spares the supersampling there.
 * @typedef {{ inside: (x: number, y: number) => boolean, color: Rgb, box: [number, number, number, number], convex: boolean }} Layer
 */

/** @param {number} x0 @param {number} y0 @param {number} x1 @param {number} y1 @param {number} r */
function roundedRect(x0, y0, x1, y1, r) {
  return (/** @type {number} */ x, /** @type {number} */ y) => {
    if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

/** @param {number} cx @param {number} cy @param {number} r */
function circle(cx, cy, r) {
  return (/** @type {number} */ x, /** @type {number} */ y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A thick polyline: points within `half` of any segment. @param {Array<[number, number]>} pts @param {number} half */
function stroke(pts, half) {
  return (/** @type {number} */ x, /** @type {number} */ y) => {
    for (let i = 1; i < pts.length; i++) {
      const [ax, ay] = pts[i - 1];
      const [bx, by] = pts[i];
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      if ((x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= half * half) return true;
    }
    return false;
  };
}

/** The emblem at one size, as layers painted in order. @param {number} size @returns {Layer[]} */
function emblem(size) {
  const u = size / 16; // one unit of the 16-unit design grid
  const px = (/** @type {number} */ v) => Math.round(v * u);
  const line = Math.max(1, Math.round(0.6 * u));
  const layers = [];
  /** @param {(x: number, y: number) => boolean} inside @param {Rgb} color @param {number[]} box @param {boolean} convex */
  const paint = (inside, color, box, convex) => layers.push({ inside, color, box: /** @type {[number, number, number, number]} */ (box), convex });
  const rect = (/** @type {number} */ a0, /** @type {number} */ b0, /** @type {number} */ a1, /** @type {number} */ b1, /** @type {number} */ r, /** @type {Rgb} */ color) =>
    paint(roundedRect(a0, b0, a1, b1, r), color, [a0, b0, a1, b1], true);
  rect(0, 0, size, size, Math.max(2, 2.5 * u), RED);

  // The sheet, ruled as a table: header row, two body rows, a label column.
  const x0 = px(3);
  const y0 = px(2.5);
  const x1 = size - px(3);
  const y1 = size - px(2.5);
  rect(x0, y0, x1, y1, 0.4 * u, WHITE);
  const headerEnd = y0 + px(3);
  rect(x0, y0, x1, headerEnd, 0, HEADER);
  const rule = (/** @type {number} */ a0, /** @type {number} */ b0, /** @type {number} */ a1, /** @type {number} */ b1) => rect(a0, b0, a1, b1, 0, RULE);
  rule(x0, headerEnd, x1, headerEnd + line);
  const middle = headerEnd + line + Math.round((y1 - headerEnd - line - line) / 2);
  rule(x0, middle, x1, middle + line);
  const column = x0 + px(3.5);
  rule(column, y0, column + line, y1);

  if (size >= 32) {
    // Check badge over the lower right corner, ringed in the tile's red to stand off the sheet.
    const cx = size - 4.2 * u;
    const cy = size - 4.2 * u;
    const disc = (/** @type {number} */ r, /** @type {Rgb} */ color) => paint(circle(cx, cy, r), color, [cx - r, cy - r, cx + r, cy + r], true);
    disc(3.9 * u, RED);
    disc(3.2 * u, GREEN);
    const tick = stroke([[cx - 1.6 * u, cy + 0.1 * u], [cx - 0.5 * u, cy + 1.2 * u], [cx + 1.7 * u, cy - 1.1 * u]], 0.42 * u);
    paint(tick, WHITE, [cx - 2.1 * u, cy - 1.6 * u, cx + 2.2 * u, cy + 1.7 * u], false);
  }
  return layers;
}

/** The share of pixel (x, y) a layer covers, from n×n samples. @param {Layer} layer @param {number} x @param {number} y @param {number} n */
function coverage(layer, x, y, n) {
  const [bx0, by0, bx1, by1] = layer.box;
  if (x + 1 <= bx0 || x >= bx1 || y + 1 <= by0 || y >= by1) return 0;
  const { inside } = layer;
  if (layer.convex && inside(x, y) && inside(x + 1 - 1e-9, y) && inside(x, y + 1 - 1e-9) && inside(x + 1 - 1e-9, y + 1 - 1e-9)) return 1;
  let hits = 0;
  for (let sy = 0; sy < n; sy++) {
    for (let sx = 0; sx < n; sx++) {
      if (inside(x + (sx + 0.5) / n, y + (sy + 0.5) / n)) hits++;
    }
  }
  return hits / (n * n);
}

/** RGBA pixels of the emblem, 8×8 samples per pixel. @param {number} size @returns {Buffer} */
function render(size) {
  const layers = emblem(size);
  const n = 8;
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0; // premultiplied, composited "over" layer by layer
      for (const layer of layers) {
        const c = coverage(layer, x, y, n);
        if (c === 0) continue;
        r = layer.color[0] * c + r * (1 - c);
        g = layer.color[1] * c + g * (1 - c);
        b = layer.color[2] * c + b * (1 - c);
        a = c + a * (1 - c);
      }
      const i = (y * size + x) * 4;
      rgba[i] = a > 0 ? Math.round(r / a) : 0;
      rgba[i + 1] = a > 0 ? Math.round(g / a) : 0;
      rgba[i + 2] = a > 0 ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round(a * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** @param {Buffer} bytes */
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG. @param {number} width @param {number} height @param {Buffer} rgba */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // compression, filter and interlace methods: 0
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function main() {
  const dir = path.resolve(__dirname, '..', 'assets');
  fs.mkdirSync(dir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(dir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, size, render(size)));
    process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
  }
}

module.exports = { SIZES, encodePng, render };

if (require.main === module) main();
