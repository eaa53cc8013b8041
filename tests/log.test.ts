import { describe, expect, it } from 'vitest';
import { createLogger, describeError } from '../src/log.js';

describe('createLogger', () => {
  it('writes one JSON object per line with the fixed fields', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (l) => lines.push(l), now: () => 0 });
    log.debug('hidden');
    log.info('poll finished', { source_id: 'eff', duration_ms: 12 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ time: '1970-01-01T00:00:00.000Z', level: 'info', msg: 'poll finished', source_id: 'eff', duration_ms: 12 });
  });

  it('never writes a registered secret or a token-shaped string', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', secrets: ['s3cr3t-signing'], write: (l) => lines.push(l) });
    log.error('slack failed', { error: new Error('bad token xoxb-fake123', { cause: new Error('secret s3cr3t-signing') }) });
    log.info('matrix', { header: 'Authorization: Bearer syt_fake123' });
    const all = lines.join('\n');
    expect(all).not.toMatch(/xoxb-fake123|s3cr3t-signing|syt_fake123/);
    expect(all).toContain('[redacted]');
  });
});

describe('redaction', () => {
  it('keeps each line valid JSON when a token sits inside an escaped string', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', write: (l) => lines.push(l) });
    log.debug('library', { detail: 'result: {"echoed":"Bearer xoxb-fake123"}' });
    const parsed = JSON.parse(lines[0]!) as { detail: string };
    expect(parsed.detail).toBe('result: {"echoed":"[redacted]"}');
  });
});

describe('describeError', () => {
  it('says each layer and each message once along the chain of causes', () => {
    const fetchErr = new Error('fetch: GET https://example.org/x failed: ECONNREFUSED', { cause: new Error('connect ECONNREFUSED') });
    expect(describeError(new Error('treaty: download failed', { cause: fetchErr }))).toBe('treaty: download failed: fetch: GET https://example.org/x failed: ECONNREFUSED');
    expect(describeError(new Error('treaty: cannot read a.txt', { cause: new Error('treaty: file is empty') }))).toBe('treaty: cannot read a.txt: file is empty');
    expect(describeError(new Error('store: insert', { cause: new Error('UNIQUE constraint failed') }))).toBe('store: insert: UNIQUE constraint failed');
  });
});
