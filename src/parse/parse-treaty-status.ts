import { cheerio } from './lazy-cheerio.js';
import type { CheerioAPI } from 'cheerio';
import type { ParsedItem, ParsedSource } from '../domain.js';
import { toOneLine } from './html-to-text.js';
import { inspectXml } from './inspect-xml.js';
import { formatIsoDay, parseDayMs } from './parse-date.js';
import { repairXmlEntities } from './repair-xml-entities.js';
import { ParseError } from './parse-error.js';

// The UN Treaty Collection publishes each MTDSG record as XML: a `<Treaty>` with header fields and
// a participants table (`Table/TGroup/Thead|Tbody/Row/Entry`). Column 1 is the participant, then a
// signature date, then the date of the consent to be bound, whose trailing marker names the kind:
// none = ratification, "A" = acceptance, "AA" = approval, "a" = accession, "d" = succession.
// Footnote numbers may trail names and dates; they are dropped.

/** The treaty's MTDSG number; item GUIDs carry it so another record never collides. */
export const CONVENTION_MTDSG_NO = 'XVIII-16';
/** The human-readable status page of the same record, linked from each item. */
export const CONVENTION_STATUS_PAGE_URL =
  'https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18&clang=_en';

/** What a participant did: signed, or consented to be bound in one of the record's five ways. */
export type TreatyAction = 'signature' | 'ratification' | 'acceptance' | 'approval' | 'accession' | 'succession';

const CONSENT_MARKERS: Record<string, TreatyAction> = { '': 'ratification', A: 'acceptance', AA: 'approval', a: 'accession', d: 'succession' };
const VERBS: Record<TreatyAction, string> = {
  signature: 'signed the Convention',
  ratification: 'ratified the Convention',
  acceptance: 'accepted the Convention',
  approval: 'approved the Convention',
  accession: 'acceded to the Convention',
  succession: 'succeeded to the Convention',
};
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DATED_CELL = /^(\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4})\s*(AA|A|a|d)?\b/;

/** Returns one item per signature and one per ratification (or acceptance, approval, accession) in the record. */
export function parseTreatyStatus(body: string, ctx: { url: string }): ParsedSource {
  const { rootName } = inspectXml(body);
  if (rootName.toLowerCase() !== 'treaty') {
    throw new ParseError(`parse: not a treaty status record (root element <${rootName.slice(0, 40)}>) from ${ctx.url}`);
  }
  // Tags are lower-cased so `<Row>` and `<row>` read the same; xmlMode never expands DTD entities.
  const $ = cheerio().load(repairXmlEntities(body), { xml: { xmlMode: true, lowerCaseTags: true, decodeEntities: true } });
  const { signatureColumn, consentColumn } = findColumns($);
  const items: ParsedItem[] = [];
  $('participants tbody row').each((_, row) => {
    const cells = $(row).children('entry').toArray().map((cell) => $(cell));
    const nameCell = cells[0];
    if (nameCell === undefined) return;
    nameCell.find('superscript, sup, footnote, footnoteref').remove();
    const participant = cleanParticipant(nameCell.text());
    if (participant === '') return;
    const signed = readDatedCell(cells[signatureColumn]?.text());
    if (signed) items.push(buildItem(participant, 'signature', signed.dayMs));
    const consent = readDatedCell(cells[consentColumn]?.text());
    if (consent) items.push(buildItem(participant, CONSENT_MARKERS[consent.marker] ?? 'ratification', consent.dayMs));
  });
  return { items, ttlMs: null };
}

/** Returns how many participants have signed and how many are parties, from parsed treaty-status items. */
export function countTreatyStatus(items: readonly ParsedItem[]): { signatories: number; parties: number } {
  const signatories = new Set<string>();
  const parties = new Set<string>();
  for (const item of items) {
    const participant = item.extra?.['participant'];
    if (typeof participant !== 'string') continue;
    if (item.kind === 'signature') signatories.add(participant);
    if (item.kind === 'ratification') parties.add(participant);
  }
  return { signatories: signatories.size, parties: parties.size };
}

// Header texts decide the columns, so a reordered table still reads right; the usual order is the default.
function findColumns($: CheerioAPI): { signatureColumn: number; consentColumn: number } {
  const headers = $('participants thead row').first().children('entry').toArray().map((cell) => $(cell).text().toLowerCase());
  const signatureColumn = headers.findIndex((h) => h.includes('signature'));
  const consentColumn = headers.findIndex((h) => /ratification|accession|acceptance|approval/.test(h));
  return { signatureColumn: signatureColumn > 0 ? signatureColumn : 1, consentColumn: consentColumn > 0 ? consentColumn : 2 };
}

function readDatedCell(raw: string | undefined): { dayMs: number; marker: string } | null {
  if (raw === undefined) return null;
  const match = DATED_CELL.exec(toOneLine(raw));
  if (!match?.[1]) return null;
  const dayMs = parseDayMs(match[1]);
  return dayMs === null ? null : { dayMs, marker: match[2] ?? '' };
}

// "Viet Nam 1", "Côte d'Ivoire 2, 3" -> the name without its footnote numbers.
function cleanParticipant(raw: string): string {
  return toOneLine(raw).replace(/(?:\s*\d+\s*,?)+$/, '').trim();
}

function buildItem(participant: string, action: TreatyAction, dayMs: number): ParsedItem {
  const date = formatIsoDay(dayMs);
  return {
    guid: `untc:${CONVENTION_MTDSG_NO}:${participant}:${action}`,
    url: CONVENTION_STATUS_PAGE_URL,
    title: `${participant} ${VERBS[action]} on ${formatDisplayDay(dayMs)}`,
    summary: '',
    text: '',
    author: null,
    publishedAtMs: dayMs,
    kind: action === 'signature' ? 'signature' : 'ratification',
    extra: { participant, action, date },
  };
}

function formatDisplayDay(ms: number): string {
  const day = new Date(ms);
  return `${day.getUTCDate()} ${MONTH_NAMES[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}
