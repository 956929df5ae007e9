/**
 * The page parser takes runs of plain text as slices: its tree must be stock parse5's, node by
 * node, whatever the input (real pages, generated report pages, and random markup soup).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { getFormat } from '../../src/core/formats/registry';
import type { FormatDef } from '../../src/core/formats/types';
import { escapeHtml, reportHtml } from '../../src/core/export/html';
import { parsePage } from '../../src/core/import/html-parser';
import { generateReport, narrative, random } from '../../scripts/generate';
import { FIXTURES, RENDERED } from '../helpers/fixtures';

type Node = DefaultTreeAdapterTypes.Node;

/** A plain description of a tree: every node's name, attributes and text, in order. */
function describeTree(node: Node, out: string[] = []): string[] {
  if ('tagName' in node) {
    out.push(`<${node.namespaceURI} ${node.tagName} ${node.attrs.map((a) => `${a.prefix ?? ''}:${a.name}=${JSON.stringify(a.value)}`).join(' ')}>`);
  } else if (node.nodeName === '#text' || node.nodeName === '#comment') {
    out.push(`${node.nodeName} ${JSON.stringify('value' in node ? node.value : (node as DefaultTreeAdapterTypes.CommentNode).data)}`);
  } else {
    out.push(node.nodeName);
  }
  const children = 'content' in node ? node.content.childNodes : 'childNodes' in node ? node.childNodes : [];
  out.push(`(${children.length}`);
  for (const child of children) describeTree(child, out);
  out.push(')');
  return out;
}

/** The tree, or the error: parse5 itself throws on a low surrogate followed by another (decoded text never has one). */
function outcome(parser: (html: string) => Node, html: string): string[] {
  try {
    return describeTree(parser(html));
  } catch (e) {
    return [`throws ${String(e)}`];
  }
}

function expectSameTree(html: string): void {
  expect(outcome(parsePage, html)).toEqual(outcome(parse, html));
}

test('the shared fixtures and every rendered page parse to stock parse5’s tree', () => {
  const pages = [path.join(FIXTURES, 'shanghai-2019.html'), ...fs.readdirSync(RENDERED).filter((f) => f.endsWith('.html')).map((f) => path.join(RENDERED, f))];
  expect(pages.length).toBeGreaterThan(5);
  for (const page of pages) expectSameTree(fs.readFileSync(page, 'utf8'));
});

test('generated report pages, with prose, CRLF line ends and entities, parse to the same tree', () => {
  const formats = [getFormat('2019'), getFormat('2021')] as FormatDef[];
  for (let i = 0; i < 20; i++) {
    const format = formats[i % 2];
    const prose = narrative(i + 1).map((p) => `<p>${escapeHtml(p)} &amp; &nbsp;&#x4e2d;&copy</p>`).join(i % 3 === 0 ? '\r\n' : '\n');
    const page = reportHtml(format, generateReport(format, i + 1, i % 4 === 0), `示例单位${i + 1}年度报告`).replace('<body>', `<body>\n${prose}`);
    expectSameTree(i % 2 ? page.replace(/\n/g, '\r\n') : page);
  }
});

test('text beyond parse5’s 64 KB buffer (where it drops the parsed part of its input) parses to the same tree', () => {
  const paragraph = '本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态。 Open data\tand\fmore. ';
  expectSameTree(`<p>${paragraph.repeat(2000)}</p><table><tr><td>${paragraph.repeat(500)}</td></tr></table>`);
});

/** Pieces that exercise every branch around plain text: markup, references, line ends, NUL, surrogates. */
const PIECES = [
  '<p>', '</p>', '<div class="a">', '</div>', '<table>', '<tr>', '<td rowspan=2>', '</td>', '</table>', '<br>', '<b>', '</i>',
  '<pre>', '</pre>', '<textarea>', '</textarea>', '<title>', '</title>', '<script>', '</script>', '<style>', '<plaintext>',
  '<svg>', '<![CDATA[x]]>', '</svg>', '<math><mi>', '<!-- c -->', '<!doctype html>', '<template>', '</template>', '<noscript>',
  '&amp;', '&nbsp;', '&#x4e2d;', '&#0;', '&notin', '&', '&#', '<', '</', '<>', '=',
  '\r', '\n', '\r\n', '\t', '\f', ' ', '   ', '\u0000', '\u0001', '\u00a0', '\u3000',
  '中文', '政府信息公开', '１２３', 'abc', 'x', '12,345', '\ud83d\ude00', '\ud800', '\udc00', '\ufffd', '\ufdd0',
];

test('5,000 random markup soups parse to the same tree', () => {
  const next = random(20261126);
  for (let n = 0; n < 5000; n++) {
    let html = '';
    const length = 1 + Math.floor(next() * 40);
    for (let k = 0; k < length; k++) html += PIECES[Math.floor(next() * PIECES.length)];
    expectSameTree(html);
  }
});
