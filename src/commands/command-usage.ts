import { errorMessage, type Block, type Message } from '../chat/message.js';
import { didYouMean } from './suggest-name.js';

/** Every command with its usage line and what it does, in the order `help` lists them. */
export const COMMANDS: readonly { name: string; usage: string; about: string; admin?: boolean }[] = [
  { name: 'article', usage: 'article <ref> [zero|final] [ar|zh|en|fr|ru|es]', about: 'an article or paragraph: title, chapter, text (in a UN language: article 28.4 es), draft number, what people say (article 28.4)' },
  { name: 'search', usage: 'search <words>', about: 'search the treaty text and the stored items' },
  { name: 'concern', usage: 'concern [id]', about: 'the concerns we tag items with, or one of them' },
  { name: 'digest', usage: 'digest [today|week|all|since 3d|since 2024-08-08]', about: 'a digest of relevant items, now (units m h d w mo y)' },
  { name: 'subscribe', usage: 'subscribe [<clause>; ...]', about: 'subscribe this channel, or change its digest, alerts, filters (see "help subscribe")', admin: true },
  { name: 'unsubscribe', usage: 'unsubscribe', about: 'stop all posts to this channel', admin: true },
  { name: 'settings', usage: 'settings', about: "this channel's subscription" },
  { name: 'sources', usage: 'sources', about: 'the sources we follow and their health' },
  { name: 'source', usage: 'source add <url> | source remove <id>', about: 'add a feed (checked once first) or remove a source', admin: true },
  { name: 'session', usage: 'session', about: 'the current or next negotiating session' },
  { name: 'status', usage: 'status [states]', about: 'signatures, ratifications and the entry-into-force countdown; "states" lists each state and date' },
  { name: 'help', usage: 'help [command]', about: 'this list, or one command' },
];

/** The grammar of `subscribe`, one clause per line; clauses can be joined with ";". */
export const SUBSCRIBE_GRAMMAR: readonly string[] = [
  'subscribe                                   (daily digest 08:00 UTC, alerts on)',
  'subscribe digest daily 08:00 [Europe/Berlin]',
  'subscribe digest weekly mon 09:00 [America/New_York]',
  'subscribe digest cron 0 8 * * 1-5 [Zone]',
  'subscribe digest off',
  'subscribe alerts on|off',
  'subscribe session on|off                    (during sessions: every matching item as an alert, and a 20:00 wrap-up)',
  'subscribe article 28 40.3 | concern surveillance scope | source eff hrw   (filters; "any" clears one)',
  'subscribe group concern|article            (how the digest is grouped)',
  'subscribe language es                       (the official text in ar, zh, en, fr, ru or es; English when not imported)',
];

/** Returns the usage line of a command (the whole list's first line for an unknown name). */
export function usageOf(name: string): string {
  return COMMANDS.find((c) => c.name === name)?.usage ?? 'help';
}

/** Returns the `help` reply: every command, or one command in detail. */
export function buildHelp(topic = ''): Message {
  const name = topic.trim().toLowerCase();
  if (name === 'subscribe') {
    return { kind: 'reply', summary: 'subscribe: grammar', blocks: [{ type: 'heading', text: 'subscribe' }, { type: 'list', items: SUBSCRIBE_GRAMMAR.map((l) => [{ text: l, code: true }]) }], ephemeral: true };
  }
  const chosen = COMMANDS.filter((c) => name === '' || c.name === name);
  if (chosen.length === 0) return unknownCommand(name, '');
  const blocks: Block[] = [
    { type: 'heading', text: name === '' ? 'treatywatch: the UN Convention against Cybercrime, followed for you' : `help ${name}` },
    { type: 'list', items: chosen.map((c) => [{ text: c.usage, code: true }, { text: ` — ${c.about}${c.admin ? ' (admins)' : ''}` }]) },
  ];
  return { kind: 'reply', summary: name === '' ? 'treatywatch commands' : `help ${name}`, blocks, ephemeral: true };
}

/** Returns the error for an unknown command, suggesting the closest one with the same arguments. */
export function unknownCommand(name: string, args: string): Message {
  const shown = name.slice(0, 40);
  const hint = didYouMean(name, COMMANDS.map((c) => c.name), (n) => (args === '' ? n : `${n} ${args.slice(0, 60)}`));
  return errorMessage(`Unknown command "${shown}".${hint} "help" lists the commands.`);
}
