import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { ChatAdapter, CommandHandler, CommandsSeen } from '../../src/chat/chat-adapter.js';
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { createBoltLogger } from './bolt-logger.js';
import { capRequestBody } from './request-body-cap.js';
import { guardRequestTimestamps } from './request-timestamp-guard.js';
import { createSlackAdminCheck } from './slack-admins.js';
import { createSlackClientOptions } from './slack-client-options.js';
import { createSlackEditor } from './slack-editor.js';
import { createSlackPoster } from './slack-poster.js';
import { dropRepeatedEvents, registerSlashCommands } from './slash-commands.js';

/** The path Slack posts slash commands and events to in HTTP mode (the manifest's request URLs). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Returns which transport a Slack config selects: HTTP when a signing secret and a port are set. */
export function selectSlackMode(config: Config['slack']): 'http' | 'socket' {
  return config.signingSecret !== null && config.port !== null ? 'http' : 'socket';
}

/**
 * Returns the Slack ChatAdapter: Socket Mode by default (bot token + app token, no public URL);
 * HTTP mode when SLACK_SIGNING_SECRET and SLACK_PORT are set. Throws when the variables for the
 * chosen mode are missing.
 */
export function createSlackAdapter(
  config: Config['slack'],
  deps: { seen: CommandsSeen; log: Logger; now?: () => number },
): ChatAdapter {
  if (config.botToken === null) throw new Error('slack: SLACK_BOT_TOKEN is not set (the xoxb- token from "OAuth & Permissions")');
  const botToken: string = config.botToken;
  const mode = selectSlackMode(config);
  if (mode === 'socket' && config.appToken === null) {
    throw new Error('slack: set SLACK_APP_TOKEN (xapp-, Socket Mode) or both SLACK_SIGNING_SECRET and SLACK_PORT (HTTP mode)');
  }
  const { log } = deps;
  const now = deps.now ?? Date.now;
  // Behind a TLS reverse proxy on the same host by default (Slack only calls https URLs).
  const host = config.host ?? '127.0.0.1';
  const clientOptions = createSlackClientOptions({ apiUrl: config.apiUrl, log });
  const client = new webApi.WebClient(botToken, clientOptions);
  const post = createSlackPoster({ client, log });
  const edit = createSlackEditor({ client, log });
  const { seen } = deps;
  const admins = createSlackAdminCheck({ client, adminUserIds: config.adminUserIds, log, now });
  let app: App | null = null;
  let server: Server | null = null;
  let connected = false;

  return {
    name: 'slack',
    async start(onCommand: CommandHandler) {
      if (app !== null) throw new Error('slack: adapter already started');
      try {
        await connect(onCommand);
      } catch (err) {
        // A failed start leaves nothing half-open (no reconnecting socket), so start() may be retried.
        const partial = app as App | null;
        if (mode === 'socket' && partial !== null) await partial.stop().catch(() => undefined);
        app = null;
        server = null;
        throw err;
      }
    },
    post: (channel, message, opts) => post(channel, message, opts),
    edit: (channel, ts, message, opts) => edit(channel, ts, message, opts),
    async stop() {
      connected = false;
      if (server !== null) {
        const closing = server;
        server = null;
        await new Promise<void>((resolve) => {
          closing.close(() => resolve());
          // close() waits for keep-alive connections; Slack holds none we need to finish.
          closing.closeAllConnections();
        });
      } else if (app !== null) {
        await app.stop();
      }
      app = null;
    },
    isConnected: () => connected,
  };

  async function connect(onCommand: CommandHandler): Promise<void> {
    const auth = await client.auth.test().catch((cause: unknown) => {
      throw new Error('slack: auth.test failed; check SLACK_BOT_TOKEN and SLACK_API_URL', { cause });
    });
    log.info('slack admins', { admins: admins.describe() });
    const boltLogger = createBoltLogger(log);
    const common = { token: botToken, logger: boltLogger, clientOptions, tokenVerificationEnabled: false, botUserId: auth.user_id, botId: auth.bot_id };
    if (mode === 'http') {
      const receiver = new HTTPReceiver({ signingSecret: config.signingSecret!, endpoints: SLACK_EVENTS_PATH, logger: boltLogger });
      app = new App({ ...common, receiver });
      wire(app, onCommand);
      const guarded = guardRequestTimestamps(capRequestBody(receiver.requestListener, { log }), { now, log });
      server = await listen(guarded, config.port!, host);
      connected = true;
      log.info('slack http listening', { port: (server.address() as AddressInfo).port, host, path: SLACK_EVENTS_PATH });
    } else {
      const receiver = new SocketModeReceiver({ appToken: config.appToken!, logger: boltLogger, installerOptions: { clientOptions } });
      receiver.client.on('connected', () => { connected = true; });
      receiver.client.on('reconnecting', () => { connected = false; });
      receiver.client.on('disconnected', () => { connected = false; });
      app = new App({ ...common, receiver });
      wire(app, onCommand);
      await app.start();
      connected = true;
      log.info('slack socket connected', { team: auth.team ?? null });
    }
  }

  function wire(target: App, onCommand: CommandHandler): void {
    target.use(dropRepeatedEvents(seen, log));
    registerSlashCommands(target, { onCommand, seen, admins, log });
    target.error(async (error) => {
      log.error('slack listener failed', { error });
    });
  }
}

function listen(listener: Parameters<typeof createServer>[0] & object, port: number, host: string): Promise<Server> {
  const server = createServer(listener);
  return new Promise((resolve, reject) => {
    server.once('error', (cause: NodeJS.ErrnoException) => reject(new Error(
      `slack: cannot listen on ${host} port ${port} (${cause.code ?? cause.message}); set SLACK_PORT to a free port and SLACK_HOST to an address of this host`,
      { cause },
    )));
    server.listen(port, host, () => resolve(server));
  });
}
