/**
 * pdf.js in Node: its legacy build (the one made for Node), loaded on first use, as requiring it
 * takes about a second that checks of other files need not pay.
 */
import * as path from 'path';
import type { PdfJs, PdfOptions } from '../core/import/pdf';

let loaded: Promise<PdfJs> | undefined;

/** The pdf.js module; an ES module, which Node 20.19+ lets CommonJS require. */
export function loadPdfJs(): Promise<PdfJs> {
  loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((module) => module as unknown as PdfJs);
  return loaded;
}

/** Where pdf.js reads its CMaps and standard fonts from in Node: paths, with the trailing separator it expects. */
export function pdfOptions(): PdfOptions {
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return { cMapUrl: path.join(root, 'cmaps') + path.sep, standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep };
}
