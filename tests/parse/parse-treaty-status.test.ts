import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countTreatyStatus, parseTreatyStatus } from '../../src/parse/parse-treaty-status.js';
import { expectGolden } from './golden.js';

const DIR = new URL('../fixtures/parse/treaty/', import.meta.url);
const URL_XML = 'https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-16.en.xml';
const RECORD = readFileSync(new URL('XVIII-16.en.xml', DIR), 'utf8');

describe('parseTreatyStatus', () => {
  it('matches its reviewed expected output (golden file)', () => {
    expectGolden(parseTreatyStatus(RECORD, { url: URL_XML }), new URL('XVIII-16.en.expected.json', DIR));
  });

  it('makes one signature item and one consent item per dated cell, with the action from the marker', () => {
    const { items } = parseTreatyStatus(RECORD, { url: URL_XML });
    expect(items.map((i) => `${i.kind} ${String(i.extra?.['participant'])} ${String(i.extra?.['action'])} ${String(i.extra?.['date'])}`)).toEqual([
      'signature Brazil signature 2025-10-25',
      'signature China signature 2025-10-25',
      'ratification China approval 2026-03-12',
      "signature Côte d'Ivoire signature 2025-10-27",
      "ratification Côte d'Ivoire ratification 2026-02-03",
      'ratification Ghana accession 2026-01-19',
      'signature Japan signature 2025-10-25',
      'ratification Japan acceptance 2026-04-20',
      'signature Türkiye signature 2025-11-10',
      'signature Viet Nam signature 2025-10-25',
    ]);
  });

  it('titles and keys each action the way the record states it', () => {
    const { items } = parseTreatyStatus(RECORD, { url: URL_XML });
    const vietNam = items.find((i) => i.extra?.['participant'] === 'Viet Nam');
    expect(vietNam).toMatchObject({
      guid: 'untc:XVIII-16:Viet Nam:signature',
      title: 'Viet Nam signed the Convention on 25 Oct 2025',
      publishedAtMs: Date.UTC(2025, 9, 25),
    });
    expect(items.find((i) => i.extra?.['action'] === 'accession')?.title).toBe('Ghana acceded to the Convention on 19 Jan 2026');
  });

  it('counts signatories and parties (ratification, acceptance, approval and accession all count)', () => {
    expect(countTreatyStatus(parseTreatyStatus(RECORD, { url: URL_XML }).items)).toEqual({ signatories: 6, parties: 4 });
  });

  it('reads lower-case tags and named HTML entities in names', () => {
    const xml = '<treaty><participants><table><tgroup><tbody><row><entry>T&uuml;rkiye</entry><entry>10 November 2025</entry><entry/></row></tbody></tgroup></table></participants></treaty>';
    expect(parseTreatyStatus(xml, { url: URL_XML }).items.map((i) => i.title)).toEqual(['Türkiye signed the Convention on 10 Nov 2025']);
  });

  it('refuses a record with a DTD internal subset and a document that is not a treaty record', () => {
    expect(() => parseTreatyStatus('<!DOCTYPE Treaty [<!ENTITY x SYSTEM "file:///etc/passwd">]><Treaty>&x;</Treaty>', { url: URL_XML })).toThrow(/^parse: DOCTYPE/);
    expect(() => parseTreatyStatus('<html><body>Service unavailable</body></html>', { url: URL_XML })).toThrow(/^parse: not a treaty status record/);
  });
});
