import type { ItemDigestFacts } from '../store/deliveries-store.js';
import { formatDate } from './build-digest.js';
import { concernName } from './concern-names.js';
import type { Block, Message } from '../chat/message.js';
import type { ConcernRules } from '../knowledge/concern-rules.js';

const KIND_LABELS: Record<string, string> = {
  document: 'New official document',
  signature: 'New signature',
  ratification: 'New ratification',
  'treaty-action': 'Treaty action',
  post: 'New',
};

/** Returns the alert Message for one item: what it is, title (link), source, date, tags. */
export function buildAlert(item: ItemDigestFacts, timeZone: string, concerns: ConcernRules): Message {
  const label = KIND_LABELS[item.kind] ?? 'New';
  const title = item.title.trim() || '(untitled)';
  const blocks: Block[] = [
    { type: 'paragraph', spans: [{ text: `${label}: `, bold: true }, item.url ? { text: title, url: item.url } : { text: title }] },
  ];
  const fields = [
    { label: 'Source', value: item.sourceName },
    { label: 'Date', value: formatDate(item.dateMs, timeZone) },
  ];
  if (item.articles.length > 0) fields.push({ label: 'Articles', value: item.articles.join(', ') });
  if (item.concerns.length > 0) fields.push({ label: 'Concerns', value: item.concerns.map((id) => concernName(concerns, id)).join(', ') });
  blocks.push({ type: 'fields', fields });
  return { kind: 'alert', summary: `${label}: ${title}`.slice(0, 150), blocks };
}
