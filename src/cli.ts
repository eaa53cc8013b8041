#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { neutraliseTerminalText } from './chat/neutralise-text.js';
import { describeError } from './log.js';
import { processIo, type CliCommand, type CliIo } from './cli/cli-io.js';

/** How long a finished command may take to exit by itself before it is made to. */
const EXIT_GRACE_MS = 1_000;

/** The subcommands (DESIGN section 10); each module is loaded only when used. */
const COMMANDS: Record<string, { usage: string; load: () => Promise<CliCommand> }> = {
  start: { usage: 'start', load: async () => (await import('./cli/start-command.js')).runStart },
  poll: { usage: 'poll --once [--json]', load: async () => (await import('./cli/poll-command.js')).runPoll },
  sources: { usage: 'sources [--json]', load: async () => (await import('./cli/sources-command.js')).runSources },
  article: { usage: 'article <ref> [zero|final] [--json]', load: async () => (await import('./cli/article-command.js')).runArticle },
  search: { usage: 'search <words> [--json]', load: async () => (await import('./cli/search-command.js')).runSearch },
  treaty: { usage: 'treaty import [<file|url>] [--lang ar|zh|en|fr|ru|es]', load: async () => (await import('./cli/treaty-command.js')).runTreaty },
  classify: { usage: 'classify --jsonl < items.jsonl', load: async () => (await import('./cli/classify-command.js')).runClassify },
  reclassify: { usage: 'reclassify', load: async () => (await import('./cli/reclassify-command.js')).runReclassify },
  eval: { usage: 'eval [--gold <file.jsonl> | --dir <folder>] [--half A|B]', load: async () => (await import('./cli/eval-command.js')).runEval },
  digest: { usage: 'digest --since <dur> [--json]', load: async () => (await import('./cli/digest-command.js')).runDigest },
};

/** Returns the usage text listing every subcommand. */
export function usageText(): string {
  return ['Usage: treatywatch <command>', '', ...Object.values(COMMANDS).map((c) => `  treatywatch ${c.usage}`), ''].join('\n');
}

/** Runs one command line and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], given: CliIo): Promise<number> {
  // Feed text reaches the terminal through every command: none of it may steer the screen.
  const io: CliIo = { ...given, stdout: (t) => given.stdout(neutraliseTerminalText(t)), stderr: (t) => given.stderr(neutraliseTerminalText(t)) };
  const [name = 'start', ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usageText());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`treatywatch: unknown command "${name}"\n${usageText()}`);
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

// Run only when this file is the program (also through the npm bin symlink), not when imported by tests.
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
    // The command is over: a socket or timer some library left open must not keep the process (and
    // a supervisor waiting on it) alive. Unref'd, so a clean exit happens sooner on its own.
    setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
  });
}
