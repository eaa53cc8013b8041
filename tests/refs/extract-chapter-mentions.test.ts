import { describe, expect, it } from 'vitest';
import { extractChapterMentions } from '../../src/refs/extract-mentions.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

describe('extractChapterMentions', () => {
  it.each([
    ['Chapter V covers international cooperation.', 'V'],
    ['Chapters IV and V grant powers.', 'IV V'],
    ['as explained for Chapter 4, this lacks precision', 'IV'],
    ['Chapter VII: Technical assistance', 'VII'],
    ['Chapter 4 of the Budapest Convention', ''],
    ['no chapters here, only Article 5', ''],
  ])('reads %j as %j', (text, expected) => {
    expect(extractChapterMentions(text, KNOWLEDGE.instruments).map((c) => c.chapter).join(' ')).toBe(expected);
  });
});
