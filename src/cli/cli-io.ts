import { parseConfig, readEnvironment, configSecrets, type Config } from '../config.js';
import { loadKnowledge, type Knowledge } from '../knowledge/load-knowledge.js';
import { createLogger, type Logger } from '../log.js';
import { openDatabase, type Db } from '../store/db.js';

/** Where a CLI command reads and writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  /**
   * Set when stdout is a terminal: redraws one progress line in place. Only our own text goes
   * here (counts and a bar), so it skips the filter that strips the carriage return from feed text.
   */
  progress?: (line: string) => void;
}

/** A subcommand: takes its arguments, returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Returns the process's own streams and environment (with `.env`). */
export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stdin: process.stdin,
    env: readEnvironment(),
    progress: process.stdout.isTTY === true ? (line) => void process.stdout.write(`\r${line}`) : undefined,
  };
}

/** What most commands need: config, a logger that keeps secrets out, the knowledge and the open database. */
export interface CliContext {
  config: Config;
  log: Logger;
  knowledge: Knowledge;
  db: Db;
}

/**
 * Returns the config, logger, knowledge and database for a command; the caller closes `db`.
 * `classifies: false` (a command that never classifies) leaves the concern model unread; a command
 * that already loaded the knowledge passes it as `knowledge`.
 */
export function openCliContext(io: CliIo, options: { classifies?: boolean; knowledge?: Knowledge } = {}): CliContext {
  const config = parseConfig(io.env);
  const log = createLogger({ level: config.logLevel, secrets: configSecrets(config), write: (l) => io.stderr(l + '\n') });
  const knowledge = options.knowledge ?? loadKnowledge({ calendarFile: config.calendarFile, concernModel: options.classifies !== false });
  const db = openDatabase(config.dbPath);
  return { config, log, knowledge, db };
}

/** Returns the flags (`--json`, `--since 3d`) and the positional arguments of a command line. */
export function parseFlags(args: readonly string[], valued: readonly string[] = []): {
  flags: Map<string, string | true>;
  positional: string[];
} {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    if (!m) {
      positional.push(arg);
    } else if (m[2] !== undefined) {
      flags.set(m[1]!, m[2]);
    } else if (valued.includes(m[1]!) && i + 1 < args.length) {
      flags.set(m[1]!, args[++i]!);
    } else {
      flags.set(m[1]!, true);
    }
  }
  return { flags, positional };
}
