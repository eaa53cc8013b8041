/** The command prefixes we answer in a room; the rest of the line is the command text. */
const COMMAND_PATTERN = /^!(article|treaty)(?:\s+([\s\S]*))?$/i;

/**
 * Returns the command line for the handler ("article 28.4", "digest today") when a message body
 * is one of our commands, else null: `!article <ref>` keeps its verb, `!treaty <command>` drops it,
 * and a bare `!treaty` asks for help.
 */
export function parseMatrixCommand(body: string): string | null {
  const match = COMMAND_PATTERN.exec(body.trim());
  if (!match) return null;
  const verb = (match[1] ?? '').toLowerCase();
  const rest = (match[2] ?? '').trim().replace(/\s+/g, ' ');
  if (verb === 'article') return rest === '' ? 'article' : `article ${rest}`;
  return rest === '' ? 'help' : rest;
}
