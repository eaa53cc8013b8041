import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../adapters/console/index.js';
import { textMessage } from '../../../src/chat/message.js';

describe('console adapter pictures', () => {
  it('prints the digest, then the path of its picture', async () => {
    let out = '';
    const adapter = createConsoleAdapter({ input: new PassThrough(), write: (t) => void (out += t) });
    const image = { path: '/var/lib/treatywatch/charts/weekly-2026-11-30.png', title: 'The week in a picture, 2026-11-30', alt: 'chart', width: 1000, height: 520 };
    await adapter.post('console', { ...textMessage('digest', 'Weekly digest: 3 stories'), image }, { idempotencyKey: 'k1' });
    expect(out.indexOf('Weekly digest: 3 stories')).toBeGreaterThanOrEqual(0);
    expect(out).toContain('[picture] The week in a picture, 2026-11-30: /var/lib/treatywatch/charts/weekly-2026-11-30.png');
    expect(out.indexOf('[picture]')).toBeGreaterThan(out.indexOf('Weekly digest: 3 stories'));
  });
});
