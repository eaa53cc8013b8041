import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { FetchError } from './fetch-result.js';
import { classifyAddress, isAddressAllowed, type GuardOptions } from './ssrf-guard.js';

/** Resolves a host name to every address it has; injectable so tests need no real resolver. */
export type ResolveHost = (hostname: string, options: LookupOptions) => Promise<LookupAddress[]>;

const resolveWithSystem: ResolveHost = (hostname, options) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });

/**
 * Returns a `lookup` for http(s) request options that refuses a host when any address it resolves
 * to is not allowed. Checking here, on the address the socket is about to use, is what defeats DNS
 * rebinding: a name checked earlier may resolve elsewhere by the time we connect.
 */
export function createGuardedLookup(opts: GuardOptions & { resolve?: ResolveHost } = {}): LookupFunction {
  const resolveHost = opts.resolve ?? resolveWithSystem;
  return (hostname, options, callback) => {
    resolveHost(hostname, options).then(
      (addresses) => {
        // Refuse the whole name if any answer is inside: the socket may try each address in turn.
        const refused = addresses.find((a) => !opts.allowAddresses?.includes(a.address) && !isAddressAllowed(classifyAddress(a.address), opts));
        if (refused || addresses.length === 0) {
          const why = refused
            ? `resolves to ${refused.address}, a ${classifyAddress(refused.address)} address`
            : 'resolves to no address';
          const err = new FetchError(`fetch: host ${hostname} is refused: it ${why}`, { kind: 'blocked', transient: false });
          callback(err as NodeJS.ErrnoException, '', 0);
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, (addresses[0] as LookupAddress).address, (addresses[0] as LookupAddress).family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}
