import { importOfficialText, TreatyImportError } from '../treaty/import-official-text.js';
import { LANGUAGE_NAMES } from '../treaty/official-text.js';
import { readTextLanguage, resolveTextLocation } from '../treaty/official-text-sources.js';
import { withWriteLease } from '../store/lease-store.js';
import { openCliContext, parseFlags, type CliIo } from './cli-io.js';

const USAGE = [
  'Usage: treatywatch treaty import [<file|url>] [--lang ar|zh|en|fr|ru|es]',
  '  With no file or URL, the text is read from the UN document of A/RES/79/243 in that language (English by default),',
  '  or from the mirror TREATYWATCH_TREATY_TEXT names.',
  '',
].join('\n');

/** `treatywatch treaty import [<file|url>] [--lang xx]`: stores the official text of a language, progress on stderr; exit 1 when refused. */
export async function runTreaty(args: string[], io: CliIo): Promise<number> {
  const { positional, flags } = parseFlags(args, ['lang']);
  const [sub, given, ...extra] = positional;
  const lang = flags.get('lang');
  const language = lang === undefined ? 'en' : typeof lang === 'string' ? readTextLanguage(lang) : undefined;
  if (sub !== 'import' || extra.length > 0 || [...flags.keys()].some((f) => f !== 'lang')) {
    io.stderr(`treatywatch treaty: expected "import" and at most one file or URL\n${USAGE}`);
    return 2;
  }
  if (language === undefined) {
    io.stderr(`treatywatch treaty: --lang takes one of ar, zh, en, fr, ru, es\n${USAGE}`);
    return 2;
  }
  const { db, config, knowledge } = openCliContext(io);
  try {
    // Asked for by the operator, so `off` (which keeps the running bot from requesting) does not apply.
    const setting = config.treatyText.mode === 'off' ? { mode: 'auto' as const } : config.treatyText;
    const location = given ?? resolveTextLocation(setting, language, knowledge.officialText.urls);
    if (location === null) {
      io.stderr(`treatywatch treaty: TREATYWATCH_TREATY_TEXT names one mirror without {lang}; give the file or URL of the ${LANGUAGE_NAMES[language]} text\n`);
      return 2;
    }
    if (given === undefined) io.stderr(`treaty import: reading ${location}\n`);
    const onProgress = (line: string) => io.stderr(`treaty import: ${line}\n`);
    const report = await withWriteLease(db, 'treaty import', () => importOfficialText(db, location, { articles: knowledge.articles, language, onProgress }));
    io.stdout(`Imported the ${LANGUAGE_NAMES[language]} text: ${report.articles} articles (${report.provisions} provisions) from ${report.source} [${report.format}, sha256 ${report.sha256.slice(0, 12)}]\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof TreatyImportError)) throw err;
    io.stderr(`treatywatch treaty import: ${err.message.replace(/^treaty: /, '')}\n`);
    return 1;
  } finally {
    db.close();
  }
}
