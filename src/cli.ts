#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { neutraliseTerminalText } from './chat/neutralise-text.js';
import { describeError } from './log.js';
import { checkFlags, type FlagSpec } from './cli/check-flags.js';
import { processIo, type CliCommand, type CliIo } from './cli/cli-io.js';
import { didYouMean } from './commands/suggest-name.js';

/** How long a finished command may take to exit by itself before it is made to. */
const EXIT_GRACE_MS = 1_000;
const JSON_FLAG: FlagSpec = { json: 'boolean' };

/** The subcommands with the flags each takes; each module is loaded only when used. */
const COMMANDS: Record<string, { usage: string; flags: FlagSpec; load: () => Promise<CliCommand> }> = {
  start: { usage: 'start', flags: {}, load: async () => (await import('./cli/start-command.js')).runStart },
  poll: { usage: 'poll --once [--json]', flags: { once: 'boolean', json: 'boolean' }, load: async () => (await import('./cli/poll-command.js')).runPoll },
  sources: { usage: 'sources [--json]', flags: JSON_FLAG, load: async () => (await import('./cli/sources-command.js')).runSources },
  status: { usage: 'status [states]', flags: {}, load: async () => (await import('./cli/chat-command.js')).chatCommand('status') },
  session: { usage: 'session', flags: {}, load: async () => (await import('./cli/chat-command.js')).chatCommand('session') },
  article: { usage: 'article <ref> [zero|final] [ar|zh|en|fr|ru|es] [--json]', flags: JSON_FLAG, load: async () => (await import('./cli/article-command.js')).runArticle },
  search: { usage: 'search <words> [--json]', flags: JSON_FLAG, load: async () => (await import('./cli/search-command.js')).runSearch },
  concern: { usage: 'concern [id]', flags: {}, load: async () => (await import('./cli/chat-command.js')).chatCommand('concern') },
  digest: { usage: 'digest [today|week|all|since 2y|since 2024-08-08] [--since <dur>] [--json]', flags: { since: 'string', json: 'boolean' }, load: async () => (await import('./cli/digest-command.js')).runDigest },
  treaty: { usage: 'treaty import [<file|url>] [--lang ar|zh|en|fr|ru|es]', flags: { lang: 'string' }, load: async () => (await import('./cli/treaty-command.js')).runTreaty },
  classify: { usage: 'classify --jsonl < items.jsonl', flags: { jsonl: 'boolean' }, load: async () => (await import('./cli/classify-command.js')).runClassify },
  enrich: { usage: 'enrich [--since 30d]', flags: { since: 'string' }, load: async () => (await import('./cli/enrich-command.js')).runEnrich },
  reclassify: { usage: 'reclassify [--json]', flags: JSON_FLAG, load: async () => (await import('./cli/reclassify-command.js')).runReclassify },
  eval: { usage: 'eval [--gold <file.jsonl> | --dir <folder>] [--half A|B] [--concerns] [--json]', flags: { gold: 'string', dir: 'string', half: 'string', concerns: 'boolean', json: 'boolean' }, load: async () => (await import('./cli/eval-command.js')).runEval },
};

/** Returns the usage text listing every subcommand. */
export function usageText(): string {
  const lines = [...Object.values(COMMANDS).map((c) => c.usage), 'help [command]'];
  return ['Usage: treatywatch <command>', '', ...lines.map((usage) => `  treatywatch ${usage}`), ''].join('\n');
}

/** Runs one command line and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], given: CliIo): Promise<number> {
  // Feed text reaches the terminal through every command: none of it may steer the screen.
  const io: CliIo = { ...given, stdout: (t) => given.stdout(neutraliseTerminalText(t)), stderr: (t) => given.stderr(neutraliseTerminalText(t)) };
  const [name = 'start', ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') return printHelp(args, io);
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`treatywatch: unknown command "${name}".${didYouMean(name, [...Object.keys(COMMANDS), 'help'], (n) => [n, ...args].join(' '))}\n${usageText()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) return printHelp([name], io);
  const badFlags = checkFlags(args, command.flags);
  if (badFlags !== null) {
    io.stderr(`treatywatch ${name}: ${badFlags}\nUsage: treatywatch ${command.usage}\n`);
    return 2;
  }
  try {
    return await (await command.load())(args, io);
  } catch (err) {
    // The command's own layer prefix ("treaty: ...") would repeat the name just printed.
    const described = describeError(err);
    io.stderr(`treatywatch ${name}: ${described.startsWith(`${name}: `) ? described.slice(name.length + 2) : described}\n`);
    return 1;
  }
}

// `help` alone lists every command; `help <command>` shows that one, or says it does not exist.
function printHelp(args: readonly string[], io: CliIo): number {
  if (args.length === 0) {
    io.stdout(usageText());
    return 0;
  }
  const topic = args[0]!;
  const command = Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined;
  if (!command) {
    io.stderr(`treatywatch help: unknown command "${topic}".${didYouMean(topic, Object.keys(COMMANDS), (n) => `help ${n}`)} "treatywatch help" lists them.\n`);
    return 2;
  }
  io.stdout(`Usage: treatywatch ${command.usage}\n`);
  return 0;
}

// Run only when this file is the program (also through the npm bin symlink), not when imported by tests.
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
    // The command is over: a socket or timer some library left open must not keep the process (and
    // a supervisor waiting on it) alive. Unref'd, so a clean exit happens sooner on its own.
    setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
  });
}
