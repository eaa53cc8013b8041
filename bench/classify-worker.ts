/** Worker thread of the parallel bench fill: generates and classifies one batch of items per message. */
import { parentPort } from 'node:worker_threads';
import { classifyBatch } from './skewed-store.js';

parentPort?.on('message', ({ seed, batch, from, to }: { seed: number; batch: number; from: number; to: number }) => {
  parentPort?.postMessage({ batch, items: classifyBatch(seed, from, to) });
});
