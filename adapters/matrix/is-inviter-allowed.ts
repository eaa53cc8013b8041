/**
 * Returns true when `inviter` is on the allowlist: an entry `@alice:example.org` names one user,
 * an entry `:example.org` (or a bare `example.org`) names every user of that homeserver. An empty
 * list allows nobody, so a fresh bot cannot be pulled into rooms by strangers.
 */
export function isInviterAllowed(inviter: string, allowed: readonly string[]): boolean {
  const server = serverOf(inviter);
  return allowed.some((entry) => {
    if (entry.startsWith('@')) return entry === inviter;
    const name = entry.startsWith(':') ? entry.slice(1) : entry;
    return server !== null && name !== '' && name.toLowerCase() === server;
  });
}

// A user id is "@localpart:server" where the server may carry a port; the localpart has no colon.
function serverOf(userId: string): string | null {
  if (!userId.startsWith('@')) return null;
  const colon = userId.indexOf(':');
  return colon > 1 && colon < userId.length - 1 ? userId.slice(colon + 1).toLowerCase() : null;
}
