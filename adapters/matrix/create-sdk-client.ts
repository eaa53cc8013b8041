import { format } from 'node:util';
import { createClient, type MatrixClient } from 'matrix-js-sdk';
import { logger as sdkGlobalLogger } from 'matrix-js-sdk/lib/logger.js';
import type { Logger as SdkLogger } from 'matrix-js-sdk/lib/logger.js';
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';

/** A client ready to sync, and the user id it acts as. */
export interface SdkClient {
  client: MatrixClient;
  userId: string;
}

/**
 * Returns a matrix-js-sdk client for the configured account (no crypto, in-memory store). Without
 * MATRIX_USER_ID the account is asked for it (`/account/whoami`), which also checks the token.
 */
export async function createSdkClient(config: Config['matrix'], log: Logger): Promise<SdkClient> {
  const { homeserverUrl, accessToken } = config;
  if (!homeserverUrl || !accessToken) {
    throw new Error('matrix: set MATRIX_HOMESERVER_URL and MATRIX_ACCESS_TOKEN to enable the Matrix adapter');
  }
  routeSdkGlobalLogger(log);
  const logger = toSdkLogger(log);
  let userId = config.userId;
  let deviceId: string | undefined;
  if (!userId) {
    try {
      const who = await createClient({ baseUrl: homeserverUrl, accessToken, logger }).whoami();
      userId = who.user_id;
      deviceId = who.device_id;
    } catch (cause) {
      throw new Error(`matrix: whoami at ${homeserverUrl} failed (check MATRIX_ACCESS_TOKEN)`, { cause });
    }
  }
  const client = createClient({ baseUrl: homeserverUrl, accessToken, userId, deviceId, logger, timelineSupport: false });
  return { client, userId };
}

// The SDK's module-wide logger (and every child logger it hands out, which copies its method
// factory) writes straight to the console, which would break our JSON-lines log. Its warnings and
// errors go to our log at debug level; what an operator needs (sync state) we report ourselves.
function routeSdkGlobalLogger(log: Logger): void {
  const root = sdkGlobalLogger as unknown as {
    methodFactory?: (methodName: string) => (...args: unknown[]) => void;
    rebuild?: () => void;
  };
  if (typeof root.rebuild !== 'function') return;
  root.methodFactory = (methodName) =>
    methodName === 'warn' || methodName === 'error'
      ? (...args) => log.debug('matrix sdk', { level: methodName, detail: format(...args) })
      : () => undefined;
  root.rebuild();
}

// The client-scoped logger is kept, at debug level, for diagnosing the SDK itself.
function toSdkLogger(log: Logger): SdkLogger {
  const write = (...args: unknown[]): void => log.debug('matrix sdk', { detail: format(...args) });
  const sdkLogger: SdkLogger = {
    trace: () => undefined,
    debug: () => undefined,
    info: write,
    warn: write,
    error: write,
    getChild: () => sdkLogger,
  };
  return sdkLogger;
}
