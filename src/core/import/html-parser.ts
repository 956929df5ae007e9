/**
 * parse5, the HTML standard's parser, with two changes that leave its tree untouched: a cap on
 * open elements (hostile nesting) and a fast path for runs of plain text.
 */
import { Parser, Token, Tokenizer, type DefaultTreeAdapterMap, type DefaultTreeAdapterTypes } from 'parse5';

/**
 * Elements open at once (nesting depth). parse5 takes time proportional to it for every element
 * it opens, so a page of 50 000 nested divs takes 18 s and a 20 MB one hours; a few thousand
 * overflow a recursive walk of the tree. Real pages nest a few dozen deep.
 */
export const MAX_HTML_DEPTH = 500;

export class HtmlReadError extends Error {
  constructor(
    readonly kind: 'tooDeep',
    message: string,
  ) {
    super(message);
    this.name = 'HtmlReadError';
  }
}

const CHARACTER = Token.TokenType.CHARACTER;
const WHITESPACE = Token.TokenType.WHITESPACE_CHARACTER;
const NOT_PLAIN = -1;

/**
 * The token a character of running text joins, or NOT_PLAIN for the end of input (-1), every
 * character the data state treats specially (`<`, `&`, NUL) and those the input stream counts
 * or rewrites (CR, LF, surrogates; a code point beyond U+FFFF arrives combined from two).
 */
function plainTextType(code: number): number {
  if (code < 0 || code > 0xffff) return NOT_PLAIN;
  if (code === 0x20 || code === 0x09 || code === 0x0c) return WHITESPACE;
  if (code === 0x3c || code === 0x26 || code === 0 || code === 0x0a || code === 0x0d || (code >= 0xd800 && code <= 0xdfff)) return NOT_PLAIN;
  return CHARACTER;
}

/**
 * parse5's tokenizer handles text one character at a time: a state dispatch, a one-character
 * string and a string concatenation for each. That is half of its time on a report page (mostly
 * Chinese prose), and every reader of the text then pays again to flatten the chain of
 * concatenations. Here a run of plain characters in the data state is taken as one slice of the
 * input: the same characters join the same token, so the tree is identical (the tests compare it
 * with stock parse5's, node by node). The page parser reports no parse errors, which the run
 * could not: it skips the per-character checks that report control characters. It overrides
 * parse5's protected tokenizer API, so package.json pins parse5's version; those tests are what
 * to run before changing it.
 */
class PlainTextTokenizer extends Tokenizer {
  protected override _stateData(cp: number): void {
    const type = plainTextType(cp);
    if (type === NOT_PLAIN) {
      super._stateData(cp);
      return;
    }
    const input = this.preprocessor;
    const { html } = input;
    const start = input.pos;
    let end = start + 1;
    while (end < html.length && plainTextType(html.charCodeAt(end)) === type) end++;
    if (end - start === 1) {
      this._emitCodePoint(cp);
      return;
    }
    // What `advance()` would have done for each character: none of them is a line break or half
    // of a surrogate pair, so only the position moves.
    input.pos = end - 1;
    this.consumedAfterSnapshot += end - start - 1;
    this._appendCharToCurrentCharacterToken(type, html.slice(start, end));
  }
}

/**
 * The page parser: parse5 with its stack of open elements capped at `MAX_HTML_DEPTH` (every step
 * of the tree builder may scan that stack, so the cap keeps parsing linear whatever the markup
 * does: unclosed, self-closed, misnested or foreign elements, markup in comments or scripts, and
 * the tree shallow enough to walk), and with the plain-text tokenizer.
 */
class PageParser extends Parser<DefaultTreeAdapterMap> {
  constructor() {
    super();
    this.tokenizer = new PlainTextTokenizer(this.options, this);
  }

  override onItemPush(node: DefaultTreeAdapterMap['parentNode'], tid: number, isTop: boolean): void {
    if (this.openElements.stackTop >= MAX_HTML_DEPTH) throw new HtmlReadError('tooDeep', `more than ${MAX_HTML_DEPTH} elements open at once`);
    super.onItemPush(node, tid, isTop);
  }
}

/** Parses a whole page into parse5's default tree. Throws HtmlReadError for hostile nesting. */
export function parsePage(html: string): DefaultTreeAdapterTypes.Document {
  const parser = new PageParser();
  parser.tokenizer.write(html, true);
  return parser.document;
}
