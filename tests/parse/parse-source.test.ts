import { describe, expect, it } from 'vitest';
import { parseSourceBody } from '../../src/parse/parse-source.js';

describe('parseSourceBody', () => {
  it('dispatches by source kind', async () => {
    const feed = await parseSourceBody({ kind: 'feed', selectors: null, id: 'f' }, '<rss version="2.0"><channel><item><title>F</title></item></channel></rss>', { url: 'https://a.org/rss' });
    const page = await parseSourceBody({ kind: 'page', selectors: { item: 'li' }, id: 'p' }, '<ul><li><a href="/x">P</a></li></ul>', { url: 'https://a.org/' });
    const status = await parseSourceBody(
      { kind: 'treaty-status', selectors: null, id: 't' },
      '<Treaty><Participants><Table><TGroup><Tbody><Row><Entry>Chile</Entry><Entry>25 Oct 2025</Entry><Entry></Entry></Row></Tbody></TGroup></Table></Participants></Treaty>',
      { url: 'https://treaties.un.org/x.xml' },
    );
    expect([feed.items[0]?.title, page.items[0]?.url, status.items[0]?.kind]).toEqual(['F', 'https://a.org/x', 'signature']);
  });

  it('rejects every failure with a parse: prefix', async () => {
    await expect(parseSourceBody({ kind: 'feed', selectors: null, id: 'f' }, '<html><body/></html>', { url: 'https://a.org/' })).rejects.toThrow(/^parse: not a feed/);
    await expect(parseSourceBody({ kind: 'treaty-status', selectors: null, id: 't' }, '', { url: 'https://a.org/' })).rejects.toThrow('parse: empty body');
  });
});
