import { describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/render-text.js';
import { answerSources } from '../../src/commands/answer-sources.js';
import { createLogger, redactUrls } from '../../src/log.js';
import { openDatabase } from '../../src/store/db.js';
import { recordFetchFailure, syncConfiguredSources } from '../../src/store/sources-store.js';

describe('redactUrls', () => {
  it.each([
    ['https://example.org/feed.xml?token=s3cret&page=2', 'https://example.org/feed.xml?[redacted]'],
    ['https://alice:pa55@example.org/feed.xml', 'https://[redacted]@example.org/feed.xml'],
    ['https://alice:pa55@example.org?key=1#frag', 'https://[redacted]@example.org?[redacted]'],
    ['fetch: GET http://h.example:8080/rss?api_key=abc failed with 500', 'fetch: GET http://h.example:8080/rss?[redacted] failed with 500'],
    ['two: https://a.example/?x=1 and "https://b.example/p?y=2"', 'two: https://a.example/?[redacted] and "https://b.example/p?[redacted]"'],
    ['https://example.org/path/only', 'https://example.org/path/only'],
    ['no url here: a@b?c', 'no url here: a@b?c'],
  ])('masks %s', (text, expected) => {
    expect(redactUrls(text)).toBe(expected);
  });
});

describe('source errors shown in chat and in logs', () => {
  const leaky = 'fetch: GET https://bot:hunter22@feeds.example.org/un.xml?token=abcdef123456 failed with 403';

  it('`sources` shows the last error without the credentials or the query string', () => {
    const db = openDatabase(':memory:');
    syncConfiguredSources(db, [{ id: 'un-feed', name: 'UN feed', publisher: 'UN', kind: 'feed', url: 'https://feeds.example.org/un.xml?token=abcdef123456' }], 'operator', 1_000);
    recordFetchFailure(db, 'un-feed', { nowMs: 2_000, nextCheckAtMs: 3_000, httpStatus: 403, error: leaky });
    const text = renderPlainText(answerSources(db, 2_500));
    expect(text).toContain('https://[redacted]@feeds.example.org/un.xml?[redacted] failed with 403');
    expect(text).not.toContain('abcdef123456');
    expect(text).not.toContain('hunter22');
  });

  it('a log line keeps the host and path of a URL but not its credentials or query', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (l) => lines.push(l) });
    log.warn('source failed', { source_id: 'un-feed', url: 'https://feeds.example.org/un.xml?token=abcdef123456', error: new Error(leaky) });
    const record = JSON.parse(lines[0]!) as Record<string, string>;
    expect(record.url).toBe('https://feeds.example.org/un.xml?[redacted]');
    expect(lines[0]).not.toContain('abcdef123456');
    expect(lines[0]).not.toContain('hunter22');
  });
});
