import type { PageSelectors, ParsedSource, SourceKind } from '../domain.js';
import { parseFeed, type ParsedItemSink } from './parse-feed.js';
import { parsePage } from './parse-page.js';
import { parseTreatyStatus } from './parse-treaty-status.js';
import { ParseError } from './parse-error.js';

/**
 * Returns the items of a fetched body, parsed by the source's kind; every failure is a `parse: ...`
 * error. A feed hands its items to `sink`, when given, as it reads them (see parseFeed).
 */
export async function parseSourceBody(
  source: { kind: SourceKind; selectors: PageSelectors | null; id: string },
  body: string,
  ctx: { url: string },
  sink?: ParsedItemSink,
): Promise<ParsedSource> {
  try {
    switch (source.kind) {
      case 'feed':
        return await parseFeed(body, ctx, sink);
      case 'page':
        return parsePage(body, { url: ctx.url, selectors: source.selectors, sourceId: source.id });
      case 'treaty-status':
        return parseTreatyStatus(body, ctx);
      default:
        throw new ParseError(`parse: unknown source kind ${String(source.kind satisfies never)}`);
    }
  } catch (cause) {
    // Parsers already say `parse: ...`; anything else (a library bug, a stack overflow) is wrapped.
    if (cause instanceof ParseError) throw cause;
    throw new ParseError(`parse: ${source.id}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
