/**
 * A webpack loader for prebuilt library bundles (ExcelJS, JSZip) that carry the setImmediate
 * polyfill: it turns a string callback into code with `new Function`. The add-in never passes
 * one and its Content-Security-Policy forbids it, so the path is replaced by an error: the shipped
 * scripts contain no way to run strings as code.
 */
'use strict';

const STRING_CALLBACK = /new Function\(\s*""\s*\+\s*([A-Za-z_$][\w$]*)\s*\)/g;

module.exports = function noStringCode(source) {
  return source.replace(STRING_CALLBACK, '(function(){throw new TypeError("setImmediate: string callbacks are not supported")})');
};

module.exports.STRING_CALLBACK = STRING_CALLBACK;
