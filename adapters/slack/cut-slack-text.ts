/**
 * Cutting rendered mrkdwn to Slack's length limits without breaking it: never inside an entity
 * (`&amp;`), never between the halves of a surrogate pair, never inside a `<url|label>` link.
 */

/** The marker that ends text we had to shorten, so readers know something is missing. */
export const CUT_MARKER = '… (cut)';

/** Returns the largest index <= `max` where `text` may be cut, preferring a line break or a space. */
export function findCutIndex(text: string, max: number): number {
  if (text.length <= max) return text.length;
  let index = Math.max(0, max);
  for (let next = safeCutAtOrBelow(text, index); next !== index; next = safeCutAtOrBelow(text, index)) index = next;
  // Prefer a word or line boundary when one is near, so words are not chopped.
  const floor = Math.floor(index * 0.8);
  for (const boundary of ['\n', ' ']) {
    const at = text.lastIndexOf(boundary, index - 1);
    if (at >= floor && at > 0 && isSafeCut(text, at)) return at;
  }
  return index;
}

/** Returns `text` cut to at most `max` characters, ending with CUT_MARKER when it was cut. */
export function cutSlackText(text: string, max: number): string {
  if (text.length <= max) return text;
  const index = findCutIndex(text, max - CUT_MARKER.length);
  return text.slice(0, index).trimEnd() + CUT_MARKER;
}

/** Returns `text` split into pieces of at most `max` characters, each cut at a safe index. */
export function splitSlackText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let index = findCutIndex(rest, max);
    if (index === 0) index = max; // cannot happen with our own output; guards an endless loop
    pieces.push(rest.slice(0, index));
    rest = rest.slice(index).replace(/^[\n ]/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function isSafeCut(text: string, index: number): boolean {
  return safeCutAtOrBelow(text, index) === index;
}

// Returns `index` when cutting there is safe, otherwise the start of what it would break
// (the link, the entity or the surrogate pair), so callers jump back in one step.
function safeCutAtOrBelow(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return index;
  const before = text.charCodeAt(index - 1);
  if (before >= 0xd800 && before <= 0xdbff) return index - 1;
  const amp = text.lastIndexOf('&', index - 1);
  if (amp >= 0 && index - amp < 6 && !text.slice(amp, index).includes(';')) {
    if (/^&(?:amp|lt|gt);/.test(text.slice(amp, amp + 5))) return amp;
  }
  const open = text.lastIndexOf('<', index - 1);
  if (open >= 0) {
    const close = text.indexOf('>', open);
    if (close === -1 || close >= index) return open;
  }
  return index;
}
