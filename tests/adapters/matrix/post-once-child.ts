/**
 * Run as a separate process by the crash test: starts the real Matrix adapter from the
 * environment's MATRIX_* variables, posts one alert with the given idempotency key, prints the
 * receipt as JSON and exits. Arguments: room id, idempotency key, "resend" or "first".
 */
import { createMatrixAdapter } from '../../../adapters/matrix/index.js';
import { parseConfig } from '../../../src/config.js';
import { textMessage } from '../../../src/chat/message.js';
import { silentLogger } from '../../../src/log.js';

const [roomId, idempotencyKey, mode] = process.argv.slice(2);
const config = parseConfig(process.env);
const adapter = createMatrixAdapter(config.matrix, { log: silentLogger });
await adapter.start(async () => textMessage('reply', 'unused'));
const receipt = await adapter.post(roomId ?? '', textMessage('alert', 'Signature: a new State signed the Convention'), {
  idempotencyKey: idempotencyKey ?? '',
  resend: mode === 'resend',
});
process.stdout.write(JSON.stringify(receipt) + '\n');
await adapter.stop();
process.exit(0);
