import { readFileSync } from 'node:fs';
import { projectPath } from '../project-path.js';

/** Where a site owner can reach us when the operator sets no TREATYWATCH_CONTACT_URL. */
export const DEFAULT_CONTACT_URL = 'https://github.com/treatywatch/treatywatch';

let cachedVersion: string | undefined;

/** Returns the User-Agent we send: product, version and where a site owner can reach us. */
export function buildUserAgent(version: string, contactUrl: string): string {
  return `treatywatch/${version} (+${contactUrl})`;
}

/** Returns the version in the project's package.json (read once), or "0.0.0" if it cannot be read. */
export function readProjectVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version?: unknown };
      cachedVersion = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
    } catch {
      // A missing version must not stop polling; the User-Agent still names the product and contact.
      cachedVersion = '0.0.0';
    }
  }
  return cachedVersion;
}

/** Returns the User-Agent for this build with the given contact URL (the default contact when omitted). */
export function buildDefaultUserAgent(contactUrl: string = DEFAULT_CONTACT_URL): string {
  return buildUserAgent(readProjectVersion(), contactUrl);
}
