import sanitizeHtml from 'sanitize-html';

/**
 * The HTML a Matrix client is asked to render, limited to the client-server spec's recommended
 * allowlist for `org.matrix.custom.html` (section "m.room.message msgtypes"). Our renderer already
 * escapes every string; this is the second wall, so a renderer bug cannot put script into a room.
 */

/** Deepest element nesting we emit; the spec advises clients to cap nesting at 100 levels. */
export const MAX_HTML_NESTING_DEPTH = 100;

const ALLOWED_TAGS = [
  'font', 'del', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'p', 'a', 'ul', 'ol', 'sup', 'sub',
  'li', 'b', 'i', 'u', 'strong', 'em', 's', 'code', 'hr', 'br', 'div', 'table', 'thead', 'tbody', 'tr',
  'th', 'td', 'caption', 'pre', 'span', 'img', 'details', 'summary',
];

// Attributes exactly as the spec lists them per tag; everything else (style, on*, class except
// code languages) is dropped.
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  font: ['data-mx-bg-color', 'data-mx-color', 'color'],
  span: ['data-mx-bg-color', 'data-mx-color', 'data-mx-spoiler', 'data-mx-maths'],
  div: ['data-mx-maths'],
  a: ['name', 'target', 'href'],
  img: ['width', 'height', 'alt', 'title', 'src'],
  ol: ['start'],
  code: ['class'],
};

// Tags whose text must vanish with them rather than leak into the room as words.
const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'title', 'head'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: ALLOWED_ATTRIBUTES,
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  // The spec only allows images from the homeserver's content repository: an https image would
  // leak every reader's IP address to whoever wrote the feed.
  allowedSchemesByTag: { img: ['mxc'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  nestingLimit: MAX_HTML_NESTING_DEPTH,
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^mxc:\/\//i.test(frame.attribs['src'] ?? ''),
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

/** Returns `html` reduced to the Matrix spec's tag and attribute allowlist, with unsafe links and images removed. */
export function sanitizeMatrixHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
