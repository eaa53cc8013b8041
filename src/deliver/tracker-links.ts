/**
 * Links from chat to the tracker's web pages (served beside /metrics when TREATYWATCH_PUBLIC_URL
 * names their public address). The paths are the web stage's routes; they live here, below both
 * the chat commands and the web stage, so either can build them.
 */
import type { Message } from '../chat/message.js';

/** Returns the tracker URL of a page: `''` (home), `article/28.4`, `concern/surveillance`, `search?q=...`. */
export function trackerUrl(base: string, path: string): string {
  return new URL(path, base).href;
}

/** Returns the page path of an article or provision ref ("28", "28.4.b"). */
export function articlePath(ref: string): string {
  return `article/${encodeURIComponent(ref)}`;
}

/** Returns the page path of a concern. */
export function concernPath(id: string): string {
  return `concern/${encodeURIComponent(id)}`;
}

/** Returns the page path of a search for `words`. */
export function searchPath(words: string): string {
  return `search?q=${encodeURIComponent(words)}`;
}

/** Returns the message with a last line linking to a tracker page; unchanged when there is no public URL. */
export function withTrackerLink(message: Message, base: string | null, path: string, label = 'On the tracker'): Message {
  if (base === null) return message;
  return { ...message, blocks: [...message.blocks, { type: 'context', spans: [{ text: `${label}: ` }, { text: trackerUrl(base, path), url: trackerUrl(base, path) }] }] };
}
