import { describe, expect, it } from 'vitest';
import { isInviterAllowed } from '../../../adapters/matrix/is-inviter-allowed.js';
import { parseMatrixCommand } from '../../../adapters/matrix/parse-matrix-command.js';
import { readPowerLevel } from '../../../adapters/matrix/read-power-level.js';
import { deriveTxnId } from '../../../adapters/matrix/send-matrix-event.js';

describe('parseMatrixCommand', () => {
  it.each([
    ['!article 28.4', 'article 28.4'],
    ['  !ARTICLE   28(4)(b) final ', 'article 28(4)(b) final'],
    ['!article', 'article'],
    ['!treaty digest today', 'digest today'],
    ['!treaty\nsubscribe daily', 'subscribe daily'],
    ['!treaty', 'help'],
  ])('reads %j as %j', (body, expected) => {
    expect(parseMatrixCommand(body)).toBe(expected);
  });

  it.each(['article 28', '!articles 28', '!treatywatch help', 'see !article 28', '> <@a:b> !article 1', ''])('ignores %j', (body) => {
    expect(parseMatrixCommand(body)).toBeNull();
  });
});

describe('isInviterAllowed', () => {
  const allowed = ['@alice:example.org', ':un.example', 'ngo.example'];
  it.each([
    ['@alice:example.org', true],
    ['@bob:example.org', false],
    ['@carol:un.example', true],
    ['@carol:UN.example', true],
    ['@dave:ngo.example', true],
    ['@eve:un.example.evil.test', false],
    ['@mallory:evil.test', false],
    ['un.example', false],
  ])('%s -> %s', (inviter, expected) => {
    expect(isInviterAllowed(inviter, allowed)).toBe(expected);
  });

  it('allows nobody when the list is empty', () => {
    expect(isInviterAllowed('@alice:example.org', [])).toBe(false);
  });
});

describe('readPowerLevel', () => {
  const create = (version: string, sender = '@creator:x.test') => ({ sender, content: { room_version: version } });
  it('reads the user entry, then users_default, then 0', () => {
    const state = { powerLevels: { users: { '@mod:x.test': 50, '@old:x.test': '75' }, users_default: 10 }, create: create('10') };
    expect(readPowerLevel(state, '@mod:x.test')).toBe(50);
    expect(readPowerLevel(state, '@old:x.test')).toBe(75);
    expect(readPowerLevel(state, '@someone:x.test')).toBe(10);
    expect(readPowerLevel({ powerLevels: { users: {} }, create: create('10') }, '@someone:x.test')).toBe(0);
  });

  it('gives the creator 100 when the room has no power levels', () => {
    expect(readPowerLevel({ create: create('10') }, '@creator:x.test')).toBe(100);
    expect(readPowerLevel({ create: create('10') }, '@other:x.test')).toBe(0);
  });

  it('ranks creators above everyone from room version 12', () => {
    const state = { powerLevels: { users: {} }, create: { sender: '@c:x.test', content: { room_version: '12', additional_creators: ['@c2:x.test'] } } };
    expect(readPowerLevel(state, '@c:x.test')).toBe(Infinity);
    expect(readPowerLevel(state, '@c2:x.test')).toBe(Infinity);
    expect(readPowerLevel({ ...state, create: create('11', '@c:x.test') }, '@c:x.test')).toBe(0);
  });
});

describe('deriveTxnId', () => {
  it('is stable for a key and part and differs otherwise', () => {
    expect(deriveTxnId('delivery-1', 0)).toBe(deriveTxnId('delivery-1', 0));
    expect(deriveTxnId('delivery-1', 1)).not.toBe(deriveTxnId('delivery-1', 0));
    expect(deriveTxnId('delivery-2', 0)).not.toBe(deriveTxnId('delivery-1', 0));
    expect(deriveTxnId('a/b c?', 0)).toMatch(/^[A-Za-z0-9._-]+$/);
  });
});
