import { describe, expect, it } from 'vitest';
import { classifyItem, selectFinestRefs } from '../../src/classify/classify-item.js';
import type { Mention } from '../../src/domain.js';
import type { MentionExtractor } from '../../src/classify/classify-item.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';

function mention(ref: string, raw = `Article ${ref}`): Mention {
  return { raw, ref, cited_as: ref, version: 'final', sentence: `${raw} is discussed.` };
}

// Stands in for the reference extractor: every "Article N(p)" of the text, read naively.
const naiveExtractor: MentionExtractor = (text) =>
  [...text.matchAll(/Article (\d+)(?:\((\d+)\))?/g)].map((m) => mention(m[2] ? `${m[1]}.${m[2]}` : m[1]!, m[0]));

describe('classifyItem', () => {
  it('tags a treaty analysis with relevance, articles and concerns', () => {
    const r = classifyItem(
      {
        title: 'UN Cybercrime Draft Convention Dangerously Expands State Surveillance Powers',
        text: 'Article 28(4) lets authorities compel anyone with knowledge of a system to hand over encryption keys. Article 24 safeguards defer to domestic law.',
        publisher: 'eff',
        published: '2024-07-17',
      }, KNOWLEDGE,
      naiveExtractor);
    expect(r.relevant).toBe(true);
    expect(r.score).toBeGreaterThan(0.5);
    expect(r.articles).toEqual(['28.4', '24']);
    expect(r.concerns).toEqual(expect.arrayContaining(['compelled-assistance', 'safeguards', 'surveillance']));
    expect(r.mentions.map((m) => m.raw)).toEqual(['Article 28(4)', 'Article 24']);
  });

  it('gives an unrelated post no articles and no concerns even when it cites articles', () => {
    const r = classifyItem(
      {
        title: 'Free expression under threat',
        text: 'Article 19 of the ICCPR protects free expression and privacy; Article 17 protects privacy.',
        publisher: 'hrw',
        published: '2024-03-01',
      }, KNOWLEDGE,
      naiveExtractor);
    expect(r).toEqual({ relevant: false, score: r.score, articles: [], concerns: [], mentions: [] });
    expect(r.score).toBeLessThan(0.5);
  });

  it('keeps the Budapest Convention and its Article 28 out', () => {
    const r = classifyItem({ title: 'Convention on Cybercrime: artikel 28', text: 'Council of Europe, ETS 185, search and seizure of stored computer data.', publisher: 'inview', published: '2021-11-23' }, KNOWLEDGE, naiveExtractor);
    expect(r.relevant).toBe(false);
  });

  it('keeps national cybercrime laws and enforcement news out', () => {
    for (const title of ['King of Jordan approves ‘draconian’ cybercrime law', 'Nigeria amends its Cybercrimes Act', 'Ransomware gang leader arrested in Kyiv', 'Singapore pitches new law to slow spread of cybercrime']) {
      expect(classifyItem({ title, text: '', publisher: 'aljazeera', published: '2024-08-12' }, KNOWLEDGE).relevant, title).toBe(false);
    }
  });

  it('keeps other UN digital processes out', () => {
    for (const title of ['OEWG on ICT security concludes its eighth session', 'Member states adopt the Global Digital Compact', 'WSIS+20 review opens in New York', 'UN General Assembly adopts resolution on artificial intelligence']) {
      expect(classifyItem({ title, text: '', publisher: 'un-news', published: '2024-09-22' }, KNOWLEDGE).relevant, title).toBe(false);
    }
  });

  it('accepts a national law story that also discusses the convention', () => {
    const r = classifyItem({ title: "Calls to Scrap Jordan's Cybercrime Law Echo Calls to Reject Cybercrime Treaty", text: 'The UN cybercrime treaty would export the same abuses.', publisher: 'eff', published: '2024-09-26' }, KNOWLEDGE);
    expect(r.relevant).toBe(true);
  });

  it('recognises the convention in Vietnamese and leaves an unrelated Japanese post out', () => {
    const vi = classifyItem({ title: 'Lễ mở ký Công ước của Liên hợp quốc về chống tội phạm mạng', text: 'Công ước Hà Nội được ký tại Trung tâm Hội nghị Quốc gia.', publisher: 'vnexpress', published: '2025-10-25' }, KNOWLEDGE);
    expect(vi.relevant).toBe(true);
    const ja = classifyItem({ title: '原水禁 世界大会の概要発表', text: '原水爆禁止日本国民会議は、7月17日、都内で会見を開いた。', publisher: 'eff', published: '2024-07-18' }, KNOWLEDGE);
    expect(ja.relevant).toBe(false);
  });

  it('recognises the convention named in other languages', () => {
    const titles = [
      'Signature de la Convention des Nations Unies contre la cybercriminalité',
      'Firma de la Convención de las Naciones Unidas contra la Ciberdelincuencia',
      'Подписание Конвенции ООН против киберпреступности в Ханое',
      '联合国打击网络犯罪公约在河内开放签署',
      'توقيع اتفاقية الأمم المتحدة لمكافحة الجريمة السيبرانية',
      'Deutschland unterzeichnet UN-Konvention gegen Cyberkriminalität',
      'Brasil assina a Convenção das Nações Unidas contra o Cibercrime',
      '国連サイバー犯罪条約の署名式がハノイで開催',
      '유엔 사이버범죄협약 서명식 하노이서 개최',
      'Indonesia menandatangani Konvensi PBB tentang Kejahatan Siber',
      'Türkiye BM Siber Suçla Mücadele Sözleşmesini imzaladı',
    ];
    for (const title of titles) expect(classifyItem({ title, text: '', publisher: 'news', published: '2025-10-25' }, KNOWLEDGE).relevant, title).toBe(true);
  });

  it('does not count a summary that repeats the title twice', () => {
    const title = 'UN cybercrime treaty opens for signature';
    expect(classifyItem({ title, text: title }, KNOWLEDGE).score).toBe(classifyItem({ title, text: '' }, KNOWLEDGE).score);
  });
});

describe('selectFinestRefs', () => {
  it('keeps the finest ref cited for each provision, once', () => {
    expect(selectFinestRefs([mention('28'), mention('28.4'), mention('24'), mention('28.4'), mention('47.1.b'), mention('47.1')])).toEqual(['28.4', '24', '47.1.b']);
  });

  it('does not confuse article 2 with article 24', () => {
    expect(selectFinestRefs([mention('2'), mention('24')])).toEqual(['2', '24']);
  });
});

describe('classifyItem with the reference extractor', () => {
  it('binds article references to the treaty in final numbering', () => {
    const r = classifyItem({
      title: 'UN Cybercrime Treaty: Article 28(4) must go',
      text: 'Article 28(4) of the UN Convention against Cybercrime lets authorities compel engineers; Article 19 of the ICCPR protects expression.',
      publisher: 'eff',
      published: '2024-08-01',
    }, KNOWLEDGE);
    expect(r.articles).toEqual(['28.4']);
    expect(r.mentions[0]).toMatchObject({ ref: '28.4', version: 'final' });
  });
});
