/**
 * Slack mrkdwn text from untrusted strings. Slack reads `&`, `<` and `>` as control characters
 * (mentions like `<!channel>`, links like `<url|label>`), so every string is escaped, `&` first so
 * the entities we add are not escaped again. Only `buildSlackLink` below ever writes a `<`.
 */
import { parseHttpUrl } from '../../src/parse/resolve-url.js';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Returns `text` with Slack's three control characters replaced by entities, and any lone
 * surrogate (broken UTF-16 from a bad feed) replaced by U+FFFD so Slack gets valid UTF-8.
 */
export function escapeSlackText(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Longer URLs are not made into links: a link must fit well inside one 3,000-character section. */
export const MAX_LINK_URL_CHARS = 2_000;
/** Link labels are shortened to this many characters (before escaping) for the same reason. */
export const MAX_LINK_LABEL_CHARS = 300;

/**
 * Returns a Slack link `<url|label>`, or null when `url` is not a plain http(s) URL or too long. The URL is
 * normalised by the WHATWG parser (spaces, quotes and angle brackets percent-encoded) and `|` is
 * encoded too, so neither part can end the link early or smuggle a second one.
 */
export function buildSlackLink(url: string, label: string): string | null {
  const href = normaliseLinkUrl(url);
  if (href === null || href.length > MAX_LINK_URL_CHARS) return null;
  let text = label.replace(/[\r\n]+/g, ' ').trim() || href;
  if (text.length > MAX_LINK_LABEL_CHARS) {
    const end = MAX_LINK_LABEL_CHARS - 1;
    const code = text.charCodeAt(end - 1);
    // Never keep half of a surrogate pair.
    text = text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end) + '…';
  }
  return `<${escapeSlackText(href)}|${escapeSlackText(text)}>`;
}

/** Returns the URL in its normalised form when it is http(s) without credentials, otherwise null. */
export function normaliseLinkUrl(url: string): string | null {
  const parsed = parseHttpUrl(url);
  if (!parsed) return null;
  // user:pass@ lets a link show one host and open another in some clients.
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
}
