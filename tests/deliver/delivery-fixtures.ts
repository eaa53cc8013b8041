import type { ClassifyResult } from '../../src/domain.js';
import type { ChatAdapter, CommandHandler, PostReceipt } from '../../src/chat/chat-adapter.js';
import type { Message } from '../../src/chat/message.js';
import type { Item, ItemKind, SourcePriority } from '../../src/domain.js';
import type { Db } from '../../src/store/db.js';
import { insertNewItems } from '../../src/store/items-store.js';
import { getSource, insertSource } from '../../src/store/sources-store.js';

/** Adds a source unless it exists. */
export function seedSource(db: Db, id: string, priority: SourcePriority = 'normal'): void {
  if (getSource(db, id)) return;
  insertSource(db, { id, name: id.toUpperCase(), publisher: id, kind: 'feed', url: `http://127.0.0.1/${id}.xml`, priority }, 'operator', 0);
}

let counter = 0;

/** Stores one item with its tags, as poll + classification would, and returns it with its result. */
export function seedItem(
  db: Db,
  o: { sourceId?: string; title?: string; url?: string | null; kind?: ItemKind; publishedAtMs?: number; articles?: string[]; concerns?: string[]; relevant?: boolean; deliverable?: boolean; priority?: SourcePriority },
): { item: Item; result: ClassifyResult } {
  const sourceId = o.sourceId ?? 'eff';
  seedSource(db, sourceId, o.priority);
  const n = ++counter;
  const url = o.url === undefined ? `https://example.org/${n}` : o.url;
  const [item] = insertNewItems(db, sourceId, [{
    item: { guid: `g${n}`, url, title: o.title ?? `Story ${n}`, summary: '', text: '', author: null, publishedAtMs: o.publishedAtMs ?? 1_700_000_000_000, kind: o.kind ?? 'post' },
    key: `k${n}`, canonicalUrl: url, contentHash: `h${n}`,
  }], { deliverable: o.deliverable ?? true, fetchedAtMs: 1_700_000_000_000 });
  const result: ClassifyResult = { relevant: o.relevant ?? true, score: 0.9, articles: o.articles ?? [], concerns: o.concerns ?? [], mentions: [] };
  for (const ref of result.articles) {
    db.prepare(`INSERT INTO item_articles (item_id, ref, article, cited_as, version, raw, sentence) VALUES (?, ?, ?, ?, 'final', ?, '')`)
      .run(item!.id, ref, Number(ref.split('.')[0]), ref, `Article ${ref}`);
  }
  for (const c of result.concerns) db.prepare('INSERT INTO item_concerns (item_id, concern) VALUES (?, ?)').run(item!.id, c);
  db.prepare('UPDATE items SET relevant = ? WHERE id = ?').run(result.relevant ? 1 : 0, item!.id);
  return { item: item!, result };
}

/** A chat adapter that records what it was asked to post, and can be told to fail. */
export interface RecordingAdapter extends ChatAdapter {
  posts: { channel: string; message: Message; idempotencyKey: string; resend: boolean }[];
  failNext: (err: Error) => void;
  handler: CommandHandler | null;
}

/** Returns a recording adapter named `name`. */
export function createRecordingAdapter(name = 'test'): RecordingAdapter {
  const failures: Error[] = [];
  const adapter: RecordingAdapter = {
    name,
    posts: [],
    handler: null,
    failNext: (err) => void failures.push(err),
    async start(onCommand) {
      adapter.handler = onCommand;
    },
    async post(channel, message, opts): Promise<PostReceipt> {
      const failure = failures.shift();
      if (failure) throw failure;
      adapter.posts.push({ channel, message, idempotencyKey: opts.idempotencyKey, resend: opts.resend ?? false });
      return { platformId: String(adapter.posts.length) };
    },
    async stop() {},
    isConnected: () => true,
  };
  return adapter;
}
