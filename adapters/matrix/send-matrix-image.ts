import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MatrixClient } from 'matrix-js-sdk';
import type { MessageImage } from '../../src/chat/message.js';
import type { Logger } from '../../src/log.js';
import { deriveTxnId, sendMatrixEvent } from './send-matrix-event.js';

/**
 * Uploads a message's picture to the media repository, then sends it to the room as m.image
 * with a transaction id derived from the post's key (a resend stores it once). Returns whether it
 * worked: a failed upload is logged and never undoes the post the room already has.
 */
export async function sendMatrixImage(client: MatrixClient, log: Logger, roomId: string, image: MessageImage, idempotencyKey: string): Promise<boolean> {
  try {
    const bytes = await readFile(image.path);
    const name = basename(image.path);
    const { content_uri: uri } = await client.uploadContent(bytes, { name, type: 'image/png', includeFilename: true });
    await sendMatrixEvent(client, roomId, {
      msgtype: 'm.image',
      body: image.alt,
      filename: name,
      url: uri,
      info: { mimetype: 'image/png', size: bytes.length, w: image.width, h: image.height },
    }, deriveTxnId(`${idempotencyKey}#image`, 0));
    log.info('matrix image sent', { channel: roomId, bytes: bytes.length });
    return true;
  } catch (err) {
    log.warn('matrix image failed', { channel: roomId, error: err });
    return false;
  }
}
