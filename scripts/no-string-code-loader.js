/**
 * A webpack loader for prebuilt library bundles that can turn strings into code with
 * `new Function`: the setImmediate polyfill in ExcelJS and JSZip (a string callback), and pdf.js
 * (its eval feature test and its PostScript function compiler, used only when `isEvalSupported`).
 * The add-in never passes a string callback, reads PDFs with `isEvalSupported: false`, and its
 * Content-Security-Policy forbids both, so each path is replaced by an error: the shipped scripts
 * contain no way to run strings as code.
 */
'use strict';

const STRING_CALLBACK = /new Function\(\s*""\s*\+\s*([A-Za-z_$][\w$]*)\s*\)/g;
/** `new Function("")` and `new Function("src", "srcOffset", …, compiled)` with literal parameter names. */
const PDFJS_FUNCTION = /new Function\(\s*"[^"]*"\s*(?:,\s*"[^"]*"\s*)*(?:,\s*[A-Za-z_$][\w$]*\s*)?\)/g;

function neutralise(source) {
  return source
    .replace(STRING_CALLBACK, '(function(){throw new TypeError("setImmediate: string callbacks are not supported")})')
    .replace(PDFJS_FUNCTION, '(function(){throw new EvalError("running strings as code is disabled")})()');
}

module.exports = function noStringCode(source) {
  return neutralise(source);
};

module.exports.STRING_CALLBACK = STRING_CALLBACK;
module.exports.PDFJS_FUNCTION = PDFJS_FUNCTION;
module.exports.neutralise = neutralise;
