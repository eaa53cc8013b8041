/** Returns `href` parsed (against `base` when relative) if it is an http(s) URL, else null (mailto:, javascript:, junk). */
export function parseHttpUrl(href: string | null | undefined, base?: string): URL | null {
  if (href == null) return null;
  const trimmed = href.trim();
  if (trimmed === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed, base);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
}

/** Returns `href` resolved against `base` when the result is an http(s) URL, else null. */
export function resolveHttpUrl(href: string | null | undefined, base: string): string | null {
  return parseHttpUrl(href, base)?.href ?? null;
}
