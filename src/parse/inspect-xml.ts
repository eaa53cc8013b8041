/**
 * A cheap, linear pre-scan of an XML body, run before any XML parser sees it. xml2js/sax does
 * not defend against hostile documents on its own, so the rules are enforced here:
 * 1. an empty body is refused;
 * 2. a DOCTYPE with an internal subset (ENTITY declarations: entity bombs, external entities)
 *    is refused outright rather than expanded;
 * 3. element nesting deeper than MAX_XML_DEPTH is refused (sax keeps a stack per level);
 * 4. the root element is reported, so callers can tell a feed from an HTML page.
 */
import { ParseError } from './parse-error.js';

/** Deeper than any real feed or treaty record; deep enough to stop stack-heavy abuse. */
export const MAX_XML_DEPTH = 200;

/** What the scan learned: the root element's name as written (e.g. `rss`, `rdf:RDF`, `html`). */
export interface XmlShape {
  rootName: string;
}

/** Returns the document's root element name, or throws a `parse: ...` error for a hostile or empty body. */
export function inspectXml(body: string): XmlShape {
  const scan = scanXml(body);
  for (;;) {
    const step = scan.next();
    if (step.done) return step.value;
  }
}

/** As inspectXml, yielding to the event loop every few milliseconds, so a 5 MiB body never holds it. */
export async function inspectXmlInSlices(body: string, yieldMs: number): Promise<XmlShape> {
  const scan = scanXml(body);
  let started = performance.now();
  for (;;) {
    const step = scan.next();
    if (step.done) return step.value;
    if (performance.now() - started >= yieldMs) {
      await new Promise((resolve) => setImmediate(resolve));
      started = performance.now();
    }
  }
}

// Tags between two pauses of the scan, where a caller may yield.
const TAGS_PER_STEP = 512;

function* scanXml(body: string): Generator<void, XmlShape> {
  if (body.trim() === '') throw new ParseError('parse: empty body');
  let tags = 0;
  let depth = 0;
  let rootName: string | null = null;
  let i = 0;
  for (;;) {
    const lt = body.indexOf('<', i);
    if (lt < 0) break;
    if (++tags % TAGS_PER_STEP === 0) yield;
    const next = body[lt + 1];
    if (body.startsWith('<!--', lt)) {
      i = skipPast(body, lt + 4, '-->');
    } else if (body.startsWith('<![CDATA[', lt)) {
      i = skipPast(body, lt + 9, ']]>');
    } else if (next === '?') {
      i = skipPast(body, lt + 2, '?>');
    } else if (next === '!') {
      i = skipDeclaration(body, lt);
    } else if (next === '/') {
      // Clamped so stray close tags cannot bank credit for deeper nesting later.
      depth = Math.max(0, depth - 1);
      i = skipPast(body, lt + 2, '>');
    } else {
      const end = findTagEnd(body, lt + 1);
      const selfClosing = body[end - 1] === '/';
      if (rootName === null) {
        rootName = readName(body, lt + 1);
        // HTML is never well-formed XML (void elements never close), so stop before depth misleads.
        if (isHtmlRoot(rootName)) return { rootName };
      }
      if (!selfClosing) depth++;
      if (depth > MAX_XML_DEPTH) throw new ParseError(`parse: elements nested deeper than ${MAX_XML_DEPTH} levels`);
      i = end + 1;
    }
  }
  if (rootName === null || rootName === '') throw new ParseError('parse: no root element (not XML)');
  return { rootName };
}

/** Returns true when the root names an HTML document, so callers can say "got an HTML page". */
export function isHtmlRoot(rootName: string): boolean {
  return rootName.toLowerCase() === 'html';
}

function skipPast(body: string, from: number, terminator: string): number {
  const at = body.indexOf(terminator, from);
  return at < 0 ? body.length : at + terminator.length;
}

// `<!DOCTYPE rss PUBLIC "..." "...">` is harmless (sax never fetches it); a `[` opens an internal
// subset, the only place ENTITY declarations can live.
function skipDeclaration(body: string, lt: number): number {
  const end = findTagEnd(body, lt + 2);
  const declaration = body.slice(lt, end + 1);
  if (/^<!DOCTYPE/i.test(declaration) && declaration.includes('[')) {
    throw new ParseError('parse: DOCTYPE with an internal subset refused (entity declarations are not expanded)');
  }
  if (/^<!ENTITY/i.test(declaration)) throw new ParseError('parse: ENTITY declaration refused');
  return end + 1;
}

// The index of the `>` closing a tag, skipping quoted attribute values; the body length when unclosed.
function findTagEnd(body: string, from: number): number {
  let quote: string | null = null;
  for (let j = from; j < body.length; j++) {
    const c = body[j];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j;
    }
  }
  return body.length;
}

function readName(body: string, from: number): string {
  const match = /^[^\s/>]+/.exec(body.slice(from, from + 200));
  return match ? match[0] : '';
}
