import { importOfficialText, TreatyImportError } from '../treaty/import-official-text.js';
import { resolveTextLocation } from '../treaty/official-text-sources.js';
import { withWriteLease } from '../store/lease-store.js';
import { openCliContext, parseFlags, type CliIo } from './cli-io.js';

const USAGE = 'Usage: treatywatch treaty import [<file|url>]\n  With no argument, the text is read from the UN document of A/RES/79/243 (or TREATYWATCH_TREATY_TEXT when it names a mirror).\n';

/** `treatywatch treaty import [<file|url>]`: stores the official text, progress on stderr; exit 1 when refused. */
export async function runTreaty(args: string[], io: CliIo): Promise<number> {
  const { positional } = parseFlags(args);
  const [sub, given, ...extra] = positional;
  if (sub !== 'import' || extra.length > 0) {
    io.stderr(`treatywatch treaty: expected "import" and at most one file or URL\n${USAGE}`);
    return 2;
  }
  const { db, config } = openCliContext(io);
  try {
    // Asked for by the operator, so `off` (which keeps the running bot from requesting) does not apply.
    const setting = config.treatyText.mode === 'off' ? { mode: 'auto' as const } : config.treatyText;
    const location = given ?? resolveTextLocation(setting, 'en')!;
    if (given === undefined) io.stderr(`treaty import: reading ${location}\n`);
    const report = await withWriteLease(db, 'treaty import', () => importOfficialText(db, location, { onProgress: (line) => io.stderr(`treaty import: ${line}\n`) }));
    io.stdout(`Imported ${report.articles} articles (${report.provisions} provisions) from ${report.source} [${report.format}, sha256 ${report.sha256.slice(0, 12)}]\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof TreatyImportError)) throw err;
    io.stderr(`treatywatch treaty import: ${err.message.replace(/^treaty: /, '')}\n`);
    return 1;
  } finally {
    db.close();
  }
}
