/** Returns `href` resolved against `base` when the result is an http(s) URL, else null (mailto:, javascript:, junk). */
export function resolveHttpUrl(href: string | null | undefined, base: string): string | null {
  if (href == null) return null;
  const trimmed = href.trim();
  if (trimmed === '') return null;
  let resolved: URL;
  try {
    resolved = new URL(trimmed, base);
  } catch {
    return null;
  }
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return null;
  return resolved.href;
}
