/** Types of scripts/icons.js (plain CommonJS, run as `node scripts/icons.js`). */

/** The icon sizes written to assets/icon-<size>.png. */
export declare const SIZES: readonly number[];

/** The emblem's RGBA pixels at `size`×`size`. */
export declare function render(size: number): Buffer;

/** An 8-bit RGBA PNG file of the given pixels. */
export declare function encodePng(width: number, height: number, rgba: Buffer): Buffer;
