/**
 * Where the team's shared data sets live (seed documents, written dev sets), and whether this
 * checkout has them. A user's clone does not: tests that read them skip, and say why.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared data folder, beside the repository: `../shared/data`. */
export const SHARED_DATA_DIR = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** True when the shared data folder is present. */
export const HAS_SHARED_DATA = existsSync(SHARED_DATA_DIR);

/** The reason printed in a skipped test's name when the shared data is missing. */
export const SHARED_DATA_SKIP = HAS_SHARED_DATA ? '' : ' [skipped: ../shared/data is not beside this checkout]';

if (!HAS_SHARED_DATA) {
  process.stderr.write(`tests: ${SHARED_DATA_DIR} not found; tests that read the shared data sets are skipped\n`);
}
