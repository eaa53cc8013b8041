import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { openDatabase } from '../../src/store/db.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function io(dbPath: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stdin: Readable.from([]), env: { TREATYWATCH_DB: dbPath, LOG_LEVEL: 'silent' } };
}

describe('treatywatch reclassify', () => {
  it('re-tags the stored items and prints how many changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-reclassify-'));
    dirs.push(dir);
    const dbPath = join(dir, 'tw.db');
    const db = openDatabase(dbPath);
    db.prepare(`INSERT INTO sources (id, name, publisher, kind, url, interval_ms, created_at_ms) VALUES ('un-news', 'UN News', 'UN', 'feed', 'https://news.un.org/feed', 3600000, 0)`).run();
    const insert = db.prepare(`INSERT INTO items (source_id, dedupe_key, title, fetched_at_ms, content_hash) VALUES ('un-news', ?, ?, 0, ?)`);
    insert.run('a', 'UN Convention against Cybercrime enters into force', 'a');
    insert.run('b', 'Solar boom', 'b');
    db.close();

    const first = io(dbPath);
    expect(await runCli(['reclassify'], first)).toBe(0);
    expect(first.out.join('')).toBe('reclassified 2 items, 2 changed\n');

    const second = io(dbPath);
    expect(await runCli(['reclassify', '--json'], second)).toBe(0);
    expect(JSON.parse(second.out.join(''))).toEqual({ items: 2, changed: 0 });

    const check = openDatabase(dbPath);
    expect(check.prepare('SELECT dedupe_key, relevant FROM items ORDER BY id').all()).toEqual([{ dedupe_key: 'a', relevant: 1 }, { dedupe_key: 'b', relevant: 0 }]);
    expect(check.prepare('SELECT concern FROM item_concerns').pluck().all()).toEqual(['ratification']);
    check.close();
  });

  it('brings an item the new rules find relevant into article lookups and digests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-reclassify-'));
    dirs.push(dir);
    const dbPath = join(dir, 'tw.db');
    const db = openDatabase(dbPath);
    const now = Date.now();
    db.prepare(`INSERT INTO sources (id, name, publisher, kind, url, interval_ms, created_at_ms) VALUES ('notes', 'Notes', 'Notes', 'feed', 'https://notes.example.org/feed', 3600000, 0)`).run();
    // Stored as the old rules left it: not relevant, no tags. It never names the treaty, but its
    // citation agrees with the article's subject and delegations are negotiating.
    db.prepare(
      `INSERT INTO items (source_id, dedupe_key, url, title, text, published_at_ms, fetched_at_ms, content_hash, relevant) VALUES ('notes', 'n1', 'https://notes.example.org/48', ?, ?, ?, ?, 'h', 0)`,
    ).run('Joint investigations, finally', 'Delegations agreed that Article 48 on joint investigations needs no change before the draft goes to the General Assembly.', now - 3600_000, now - 3600_000);
    db.close();

    const before = io(dbPath);
    await runCli(['article', '48', '--json'], before);
    expect(before.out.join('')).not.toContain('Joint investigations, finally');

    expect(await runCli(['reclassify'], io(dbPath))).toBe(0);

    const lookup = io(dbPath);
    expect(await runCli(['article', '48', '--json'], lookup)).toBe(0);
    expect(lookup.out.join('')).toContain('Joint investigations, finally');
    const digest = io(dbPath);
    expect(await runCli(['digest', '--since', '1d', '--json'], digest)).toBe(0);
    expect(digest.out.join('')).toContain('Joint investigations, finally');
  });
});
