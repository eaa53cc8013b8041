import { describe, expect, it } from 'vitest';
import { findDocumentSymbol, isDocumentUrl } from '../../src/parse/document-link.js';

describe('findDocumentSymbol', () => {
  it.each([
    ['Provisional agenda A/AC.291/22/Rev.1.', 'A/AC.291/22/Rev.1'],
    ['see A/AC.291/L.15 and A/AC.291/CRP.13', 'A/AC.291/L.15'],
    ['resolution A/RES/79/243 of 24 December 2024', 'A/RES/79/243'],
    ['https://documents.un.org/api/symbol/access?s=A%2FAC.291%2FINF%2F2&l=en', 'A/AC.291/INF/2'],
    ['report E/CN.15/2024/5', 'E/CN.15/2024/5'],
    ['Languages: A/C/E/F/R/S', null],
    ['DATA/AC.291/22', null],
    ['no symbol here', null],
  ])('%s -> %s', (text, expected) => {
    expect(findDocumentSymbol(text)).toBe(expected);
  });
});

describe('isDocumentUrl', () => {
  it.each([
    ['https://www.unodc.org/documents/Cybercrime/AdHocCommittee/x_E.pdf', true],
    ['https://example.org/report.PDF', true],
    ['https://example.org/notes.docx', true],
    ['https://documents.un.org/api/symbol/access?s=A/AC.291/L.15&l=en&t=pdf', true],
    ['https://undocs.org/A/AC.291/17', true],
    ['https://digitallibrary.un.org/record/4071012', true],
    ['https://www.unodc.org/unodc/en/cybercrime/ad_hoc_committee/home', false],
    ['https://www.eff.org/deeplinks/2024/08/un-cybercrime', false],
    ['https://example.org/pdf-guide', false],
    ['not a url', false],
  ])('%s -> %s', (url, expected) => {
    expect(isDocumentUrl(url)).toBe(expected);
  });
});
