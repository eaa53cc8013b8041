import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/ops/metrics.js';
import { startOpsServer } from '../../src/ops/ops-server.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { createWebHandler } from '../../src/web/handle-web-request.js';
import { SEED_NOW_MS, seedTracker } from './seed-tracker.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

/** A seeded database served by the real ops server with the tracker on 127.0.0.1. */
export interface TrackerServer {
  db: Db;
  base: string;
  close(): Promise<void>;
}

/** Seeds an in-memory database and serves the tracker over it at SEED_NOW_MS; feeds link to https://tracker.example/. */
export async function startTrackerServer(): Promise<TrackerServer> {
  const db = openDatabase(':memory:');
  seedTracker(db);
  const server = await startOpsServer({
    port: 0, metrics: new Metrics(), ready: () => ({}), log: silentLogger,
    web: createWebHandler({ knowledge: KNOWLEDGE, db, now: () => SEED_NOW_MS, baseUrl: () => 'https://tracker.example/' }),
  });
  return {
    db,
    base: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close();
      db.close();
    },
  };
}

/** Starts the tracker before the file's tests and closes it after; returns a getter of its base URL. */
export function useTrackerServer(): () => string {
  let tracker: TrackerServer | null = null;
  beforeAll(async () => {
    tracker = await startTrackerServer();
  });
  afterAll(() => tracker?.close());
  return () => tracker!.base;
}
