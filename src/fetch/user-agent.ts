import { readFileSync } from 'node:fs';
import { CONFIG_DEFAULTS } from '../config.js';
import { projectPath } from '../project-path.js';

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
export function buildDefaultUserAgent(contactUrl: string = CONFIG_DEFAULTS.TREATYWATCH_CONTACT_URL): string {
  return buildUserAgent(readProjectVersion(), contactUrl);
}
