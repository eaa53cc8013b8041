/**
 * Slack mrkdwn text from untrusted strings. Slack reads `&`, `<` and `>` as control characters
 * (mentions like `<!channel>`, links like `<url|label>`), so every string is escaped, `&` first so
 * the entities we add are not escaped again. Only `buildSlackLink` below ever writes a `<`.
 */

/** Returns `text` with Slack's three control characters replaced by entities. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Returns a Slack link `<url|label>`, or null when `url` is not a plain http(s) URL. The URL is
 * normalised by the WHATWG parser (spaces, quotes and angle brackets percent-encoded) and `|` is
 * encoded too, so neither part can end the link early or smuggle a second one.
 */
export function buildSlackLink(url: string, label: string): string | null {
  const href = normaliseLinkUrl(url);
  if (href === null) return null;
  const text = label.replace(/[\r\n]+/g, ' ').trim() || href;
  return `<${escapeSlackText(href)}|${escapeSlackText(text)}>`;
}

/** Returns the URL in its normalised form when it is http(s) without credentials, otherwise null. */
export function normaliseLinkUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // user:pass@ lets a link show one host and open another in some clients.
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
}
