/** The lowest level a logger writes; `silent` writes nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** A JSON-lines logger: constant message, fixed snake_case fields. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export type LogFields = Record<string, unknown>;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const REDACTED = '[redacted]';
// Token shapes we never want in a log line even when they were not registered as secrets.
const TOKEN_PATTERN = /\b(xox[abprs]-[0-9A-Za-z-]{6,}|xapp-[0-9A-Za-z-]{6,}|syt_[0-9A-Za-z_]{6,}|Bearer\s+[^\s"'\\]{6,})/g;

/** Returns a logger writing one JSON object per line to `write`, with every known secret replaced. */
export function createLogger(opts: {
  level: LogLevel;
  secrets?: readonly string[];
  write?: (line: string) => void;
  now?: () => number;
}): Logger {
  const min = RANK[opts.level];
  const secrets = (opts.secrets ?? []).filter((s) => s.length >= 6);
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = opts.now ?? Date.now;
  const emit = (level: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields) => {
    if (RANK[level] < min) return;
    const record = { time: new Date(now()).toISOString(), level, msg, ...normalize(fields) };
    // Redact values, not the serialized line, so a replacement can never break the JSON.
    write(JSON.stringify(record, (_key, value: unknown) => (typeof value === 'string' ? redact(value, secrets) : value)));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = createLogger({ level: 'silent' });

/** Returns `text` with every secret, every token-shaped string and every URL's credentials and query replaced by a marker. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return redactUrls(out.replace(TOKEN_PATTERN, REDACTED));
}

// A URL in free text (an error message, a log field): scheme, then anything up to a space or quote.
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/**
 * Returns `text` with the user:password part and the query string of every URL in it masked
 * (`https://[redacted]@host/feed?[redacted]`). Feed URLs often carry an API key in the query; the
 * path and host stay, so an operator still sees which source it was. The fragment never leaves
 * the client, so it is dropped with the query.
 */
export function redactUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => {
    const schemeEnd = url.indexOf('://') + 3;
    const authorityEnd = url.slice(schemeEnd).search(/[/?#]/);
    const authority = authorityEnd < 0 ? url.slice(schemeEnd) : url.slice(schemeEnd, schemeEnd + authorityEnd);
    const rest = authorityEnd < 0 ? '' : url.slice(schemeEnd + authorityEnd);
    const at = authority.lastIndexOf('@');
    const host = at < 0 ? authority : `${REDACTED}@${authority.slice(at + 1)}`;
    const cut = rest.search(/[?#]/);
    const path = cut < 0 ? rest : `${rest.slice(0, cut)}${rest[cut] === '?' ? `?${REDACTED}` : ''}`;
    return `${url.slice(0, schemeEnd)}${host}${path}`;
  });
}

// Errors become {error, cause} strings so a log line stays one flat, readable object.
function normalize(fields: LogFields | undefined): LogFields {
  if (!fields) return {};
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? describeError(value) : value;
  }
  return out;
}

/**
 * Returns an error's message followed by its chain of causes, each said once: a cause whose
 * message (without its layer prefix) the text already holds is left out, and a layer prefix
 * already said ("treaty: ... treaty: ...") is not said again.
 */
export function describeError(err: unknown): string {
  let text = '';
  let cur: unknown = err;
  for (let depth = 0; cur !== undefined && cur !== null && depth < 5; depth++) {
    const message = cur instanceof Error ? cur.message : String(cur);
    const layer = /^([a-z][a-z-]*): /.exec(message)?.[1];
    const bare = layer === undefined ? message : message.slice(layer.length + 2);
    // A system error whose code (ECONNREFUSED) the wrapper already quoted adds nothing.
    const code = /\bE[A-Z]{3,}\b/.exec(bare)?.[0];
    if (text === '') text = message;
    else if (!text.includes(bare) && !(code !== undefined && text.includes(code))) text += `: ${layer !== undefined && text.includes(`${layer}: `) ? bare : message}`;
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return text;
}
