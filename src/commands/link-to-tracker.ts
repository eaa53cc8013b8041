import { articlePath, concernPath, searchPath, withTrackerLink } from '../deliver/tracker-links.js';
import type { Message } from '../chat/message.js';

/** Returns a command's reply with a link to the matching tracker page when the tracker has a public URL (errors stay as they are). */
export function linkToTracker(reply: Message, publicUrl: string | null, command: string, args: string): Message {
  if (publicUrl === null || reply.kind === 'error') return reply;
  const words = args.trim();
  switch (command) {
    case 'article':
      // The page reads the ref the way the command does ("28(4)", "zero:17").
      return withTrackerLink(reply, publicUrl, articlePath(words));
    case 'concern':
    case 'concerns':
      return withTrackerLink(reply, publicUrl, words === '' ? 'concerns' : concernPath(words.toLowerCase()));
    case 'search':
      return withTrackerLink(reply, publicUrl, searchPath(words));
    case 'status':
    case 'digest':
    case 'session':
      return withTrackerLink(reply, publicUrl, '');
    case 'sources':
      return withTrackerLink(reply, publicUrl, 'sources');
    default:
      return reply;
  }
}
