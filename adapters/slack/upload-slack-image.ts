import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { webApi } from '@slack/bolt';
import type { MessageImage } from '../../src/chat/message.js';
import type { Logger } from '../../src/log.js';

/**
 * Uploads a message's picture with files.uploadV2 (files.getUploadURLExternal, the upload POST,
 * files.completeUploadExternal) into the thread of the post it belongs to. Returns whether it
 * worked: a failed upload is logged and never undoes the post, which Slack has already accepted.
 */
export async function uploadSlackImage(
  client: webApi.WebClient,
  log: Logger,
  target: { channel: string; threadTs: string },
  image: MessageImage,
): Promise<boolean> {
  try {
    const file = await readFile(image.path);
    await client.filesUploadV2({
      channel_id: target.channel,
      thread_ts: target.threadTs,
      file,
      filename: basename(image.path),
      title: image.title,
      alt_text: image.alt,
    });
    log.info('slack image uploaded', { channel: target.channel, bytes: file.length });
    return true;
  } catch (err) {
    log.warn('slack image upload failed', { channel: target.channel, error: err });
    return false;
  }
}
