import { describe, expect, it } from 'vitest';
import { compilePattern, normalizeText } from '../../src/knowledge/normalize-text.js';

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
});
