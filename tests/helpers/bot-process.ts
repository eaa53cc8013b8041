import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A bot program running in a child process, with its output collected as it comes. */
export interface BotProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** The JSON log lines on stderr so far. */
  logs(): Record<string, unknown>[];
  /** Resolves with the first log line whose `msg` is `msg`; rejects when the process ends first or after `timeoutMs`. */
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves once stdout holds `text`. */
  waitForStdout(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  /** Sends `signal` and resolves with the exit and how long it took. */
  signal(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** Returns the kernel's memory figures for the process in bytes: current (VmRSS) and peak (VmHWM). */
  memory(): { rss: number; peak: number };
}

/** Starts `node <cli> <args>` with exactly `env` (plus PATH); stdin stays open unless `closeStdin`. */
export function spawnBot(cli: string, args: string[], env: Record<string, string>, opts: { closeStdin?: boolean } = {}): BotProcess {
  const child = spawn(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: [opts.closeStdin ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of [...listeners]) l();
  };
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); notify(); });
  child.stderr!.on('data', (c: Buffer) => { err += c.toString(); notify(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal, atMs: Date.now() });
      notify();
    });
  });
  let ended = false;
  void exited.then(() => (ended = true));
  const logs = () => err.split('\n').filter((l) => l.startsWith('{')).map((l) => {
    try {
      return JSON.parse(l) as Record<string, unknown>;
    } catch {
      return {};
    }
  });
  const waitFor = <T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> => new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}; stderr: ${err.slice(-2000)}`)), timeoutMs);
    const finish = (error: Error | null, value?: T) => {
      clearTimeout(timer);
      listeners.delete(poll);
      if (error) reject(error);
      else resolve(value as T);
    };
    const poll = () => {
      const found = check();
      if (found !== undefined) finish(null, found);
      else if (ended) finish(new Error(`the process ended before ${what}; stderr: ${err.slice(-2000)}`));
    };
    listeners.add(poll);
    poll();
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    logs,
    waitForLog: (msg, timeoutMs = 60_000) => waitFor(() => logs().find((l) => l.msg === msg), `log "${msg}"`, timeoutMs),
    waitForStdout: (text, timeoutMs = 60_000) =>
      waitFor(() => ((typeof text === 'string' ? out.includes(text) : text.test(out)) ? true : undefined), `output ${String(text)}`, timeoutMs).then(() => undefined),
    exited,
    signal: async (signal) => {
      const sentAt = Date.now();
      child.kill(signal);
      const { code, signal: by, atMs } = await exited;
      return { code, signal: by, ms: atMs - sentAt };
    },
    memory: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      return { rss: kb('VmRSS'), peak: kb('VmHWM') };
    },
  };
}
