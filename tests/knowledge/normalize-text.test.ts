import { describe, expect, it } from 'vitest';
import { collapseSpaces, compilePattern, normalizeText } from '../../src/knowledge/normalize-text.js';

describe('normalizeText', () => {
  it('folds case, diacritics, curly quotes and runs of spaces', () => {
    expect(normalizeText('The  UN’s “Convention”\n in Hà Nội')).toBe(`the un's "convention" in ha noi`);
  });

  it('folds the Vietnamese d-stroke and the Turkish dotless i', () => {
    expect(normalizeText('Đà Nẵng SIBER SUÇ Sözleşmesı')).toBe('da nang siber suc sozlesmesi');
  });

  it('keeps Japanese voicing marks, which change the word', () => {
    expect(normalizeText('ブダペスト条約')).toBe('ブダペスト条約');
  });

  it('drops Arabic hamza seats so both spellings of al-umam match', () => {
    expect(normalizeText('الأمم')).toBe(normalizeText('الامم'));
  });
});

describe('compilePattern', () => {
  it('makes \\b respect non-ASCII letters', () => {
    const re = compilePattern('\\bcong uoc\\b');
    expect(re.test(normalizeText('Công ước Hà Nội'))).toBe(true);
    expect(compilePattern('\\bun\\b').test('une convention')).toBe(false);
  });

  it('folds diacritics in the pattern itself so cues are written naturally', () => {
    expect(compilePattern('Công ước Hà Nội').test(normalizeText('CÔNG ƯỚC HÀ NỘI'))).toBe(true);
  });

  it('names the bad pattern in its error', () => {
    expect(() => compilePattern('(unclosed')).toThrow(/knowledge: bad cue pattern "\(unclosed"/);
  });

  it('folds every run of white space to one space, as a plain \\s+ replacement does', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const alphabet of [' \t\nAb.', ' \t\r\nAb\u00a0\u2028\u3000']) {
      for (let n = 0; n < 2000; n++) {
        let x = '';
        for (let i = 0; i < 14; i++) x += alphabet[Math.floor(next() * alphabet.length)];
        expect(normalizeText(x), JSON.stringify(x)).toBe(x.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim());
        expect(collapseSpaces(x), JSON.stringify(x)).toBe(x.replace(/\s+/g, ' '));
      }
    }
  });
});
