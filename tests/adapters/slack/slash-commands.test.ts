import { describe, expect, it } from 'vitest';
import { errorMessage, textMessage } from '../../../src/chat/message.js';
import { isFutureTimestamp } from '../../../adapters/slack/request-timestamp-guard.js';
import { isInChannelReply, parseSlashCommand } from '../../../adapters/slack/slash-commands.js';

describe('parseSlashCommand', () => {
  it.each([
    ['/article', '28.4', 'article 28.4', false],
    ['/article', '  28.4   final ', 'article 28.4 final', false],
    ['/article', '28.4 public', 'article 28.4', true],
    ['/article', '--public 28.4', 'article 28.4', true],
    ['/article', '', 'article', false],
    ['/article', 'public', 'article public', false],
    ['/treaty', 'digest today', 'digest today', false],
    ['/treaty', 'search public order', 'search public order', false],
    ['/treaty', 'search public order --PUBLIC', 'search public order', true],
    ['/treaty', '', 'help', false],
  ])('reads %s %j as %j (public: %s)', (command, text, expected, wantsPublic) => {
    expect(parseSlashCommand(command, text)).toEqual({ text: expected, public: wantsPublic });
  });
});

describe('isInChannelReply', () => {
  it('keeps lookups private unless asked, and errors private always', () => {
    const lookup = textMessage('reply', 'x', { ephemeral: true });
    expect(isInChannelReply(lookup, false)).toBe(false);
    expect(isInChannelReply(lookup, true)).toBe(true);
    expect(isInChannelReply(errorMessage('bad ref'), true)).toBe(false);
    expect(isInChannelReply(textMessage('reply', 'subscribed', { ephemeral: false }), false)).toBe(true);
  });
});

describe('isFutureTimestamp', () => {
  const nowMs = 1_700_000_000_000;
  it.each([
    [String(nowMs / 1000), false],
    [String(nowMs / 1000 + 299), false],
    [String(nowMs / 1000 + 301), true],
    [String(nowMs / 1000 - 10_000), false],
    [undefined, false],
    ['abc', false],
    [[String(nowMs / 1000 + 400)], true],
  ])('judges %j', (header, expected) => {
    expect(isFutureTimestamp(header, nowMs)).toBe(expected);
  });
});

