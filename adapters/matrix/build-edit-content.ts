import type { NoticeContent } from './build-notice-contents.js';

/** The content of an edit event: a fallback body for clients without edits, and the replacement. */
export interface EditContent {
  msgtype: 'm.notice';
  body: string;
  format: 'org.matrix.custom.html';
  formatted_body: string;
  'm.new_content': Omit<NoticeContent, 'm.relates_to'>;
  'm.relates_to': { rel_type: 'm.replace'; event_id: string };
}

/**
 * Returns the event content that replaces `eventId` with `content` (client-server spec, "Event
 * replacements"): the new version in `m.new_content`, and a body starred the way clients that do
 * not understand edits show them.
 */
export function buildEditContent(eventId: string, content: NoticeContent): EditContent {
  const { msgtype, body, format, formatted_body } = content;
  return {
    msgtype,
    body: `* ${body}`,
    format,
    formatted_body: `* ${formatted_body}`,
    'm.new_content': { msgtype, body, format, formatted_body },
    'm.relates_to': { rel_type: 'm.replace', event_id: eventId },
  };
}
