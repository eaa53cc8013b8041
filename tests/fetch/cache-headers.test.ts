import { describe, expect, it } from 'vitest';
import { parseMaxAge, parseRetryAfter } from '../../src/fetch/cache-headers.js';
import { decodeWindows1252, detectCharset, readContentTypeCharset } from '../../src/fetch/decode-body.js';

const NOW = Date.UTC(2026, 0, 15, 8, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Thu, 15 Jan 2026 08:02:00 GMT', 120_000],
    ['Thu, 15 Jan 2026 07:00:00 GMT', 0],
    ['-5', null],
    ['soon', null],
    ['1.5', null],
    ['', null],
    [null, null],
  ])('reads %j as %j', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('parseMaxAge', () => {
  it.each([
    ['max-age=300', 300_000],
    ['public, max-age=60, must-revalidate', 60_000],
    ['MAX-AGE="10"', 10_000],
    ['s-maxage=100', null],
    ['no-cache', null],
    ['max-age=abc', null],
    [null, null],
  ])('reads %j as %j', (value, expected) => {
    expect(parseMaxAge(value)).toBe(expected);
  });
});

describe('charset detection', () => {
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
  it.each([
    ['text/xml; charset=UTF-8', 'UTF-8'],
    ['text/html;charset="koi8-r"', 'koi8-r'],
    ['text/html', null],
    [null, null],
  ])('reads the charset of Content-Type %j as %j', (value, expected) => {
    expect(readContentTypeCharset(value)).toBe(expected);
  });

  it('prefers the header over the prolog and the prolog over the default', () => {
    const doc = bytes('<?xml version="1.0" encoding="iso-8859-2"?><rss/>');
    expect(detectCharset(doc, 'text/xml; charset=utf-8')).toEqual({ label: 'utf-8', source: 'header' });
    expect(detectCharset(doc, 'text/xml')).toEqual({ label: 'iso-8859-2', source: 'xml-prolog' });
    expect(detectCharset(bytes('<rss/>'), null)).toEqual({ label: 'utf-8', source: 'default' });
  });

  it('ignores a <meta> charset beyond the first 1024 bytes', () => {
    const doc = bytes('<html><head>' + ' '.repeat(1100) + '<meta charset="koi8-r"></head></html>');
    expect(detectCharset(doc, null).source).toBe('default');
  });

  it('reads an in-band utf-16 declaration as utf-8, since the text was readable as ASCII', () => {
    expect(detectCharset(bytes('<meta charset="utf-16">'), null)).toEqual({ label: 'utf-8', source: 'meta' });
  });

  it('maps the windows-1252 bytes that differ from Latin-1', () => {
    expect(decodeWindows1252(Uint8Array.of(0x80, 0x93, 0x41, 0x94, 0x97, 0xe9, 0x81))).toBe('\u20ac\u201cA\u201d\u2014\u00e9\u0081');
  });
});
