/**
 * HTML built only through the `html` template: every interpolated value is escaped unless it is
 * already Html (made by this module), so a feed's `<script>` is always text. Attribute values are
 * quoted by the templates and escaped here, quotes included.
 */

/** A fragment of HTML known to be safe: made by `html`, `raw` on our own constants, or `join`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

/** Returns text with `& < > " '` escaped for HTML text and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The template tag: literal parts as written, values escaped (arrays joined, null/false dropped). */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Returns our own constant markup (never text from a feed or a request) as Html. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** Returns an http(s) URL for an href, or null for any other scheme (javascript:, data:). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function render(value: Part): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map((v: Part) => render(v)).join('');
  return escapeHtml(String(value));
}
