/**
 * The tracker's pages, loaded on the first request instead of when the bot starts: the bot answers
 * commands and polls without them, and their code (with the feed writer) is a good part of what a
 * start would otherwise load.
 */
import type { WebDeps, WebRequestHandler } from './handle-web-request.js';

/**
 * Returns a handler that takes every request passed to it: the first one loads the pages, and a
 * path they do not serve gets 404, as the ops server answers it. A failure is reported to `onError`
 * and answered with 500; a failed load is tried again on the next request.
 */
export function createLazyWebHandler(
  deps: WebDeps,
  onError: (err: unknown) => void,
  load: () => Promise<Pick<typeof import('./handle-web-request.js'), 'createWebHandler'>> = () => import('./handle-web-request.js'),
): WebRequestHandler {
  let handler: WebRequestHandler | null = null;
  let loading: Promise<WebRequestHandler> | null = null;
  return (req, res) => {
    if (handler) return handler(req, res);
    loading ??= load().then((m) => (handler = m.createWebHandler(deps)), (err: unknown) => {
      // A failed load is tried again by the next request instead of answering 500 until a restart.
      loading = null;
      throw err;
    });
    loading
      .then((h) => {
        if (!h(req, res)) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      })
      .catch((err: unknown) => {
        onError(err);
        if (!res.headersSent) res.writeHead(500).end();
      });
    return true;
  };
}
