import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { concernFeatures, stemWord } from '../../src/classify/concern-features.js';
import { scoreWithModel, tagConcernsWithModel } from '../../src/classify/concern-model.js';
import { compileConcernModel, type ConcernModelFile } from '../../src/knowledge/concern-model.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { trainConcernModel, type TrainingItem } from '../../src/classify/concern-training.js';
import { normalizeText } from '../../src/knowledge/normalize-text.js';
import { tagConcerns } from '../../src/classify/tag-concerns.js';
import { KNOWLEDGE } from '../helpers/knowledge.js';
import { projectPath } from '../../src/project-path.js';

const rules = KNOWLEDGE.concerns;
const NONE = new Set<number>();
const features = (text: string, cited: ReadonlySet<number> = NONE): string[] => concernFeatures(normalizeText(text), cited, rules);

function fileWith(mode: ConcernModelFile['mode'], weights: [string, string, number][], threshold = 0.5): ConcernModelFile {
  const names = [...new Set(weights.map(([, f]) => f))];
  const ids = [...new Set(weights.map(([id]) => id))];
  return {
    description: 'test',
    mode,
    features: names,
    concerns: ids.map((id) => ({
      id,
      bias: -2,
      threshold,
      indexes: weights.filter(([c]) => c === id).map(([, f]) => names.indexOf(f)),
      weights: weights.filter(([c]) => c === id).map(([, , w]) => w),
    })),
  };
}

describe('concern features', () => {
  it('stems verb forms and plurals to one feature, and leaves short words and numbers alone', () => {
    expect(['adopts', 'adopted', 'adoption'].map(stemWord)).toEqual(['adopt', 'adopt', 'adopt']);
    expect(['criminalize', 'criminalise', 'criminalized', 'criminalising'].map(stemWord)).toEqual(['criminal', 'criminal', 'criminal', 'criminal']);
    expect(['access', 'process', 'status', 'law', '2024'].map(stemWord)).toEqual(['access', 'process', 'status', 'law', '2024']);
  });

  it('keeps negations as word pairs, drops stopwords alone, and adds rule cue hits and cited articles', () => {
    const f = features('The bill does not require dual criminality', new Set([40]));
    expect(f).toContain('not requir');
    expect(f).toContain('dual criminal');
    expect(f).not.toContain('the');
    expect(f).toContain('cue:dual-criminality');
    expect(f).toContain('rule:dual-criminality');
    expect(f).toContain('art:40');
  });
});

describe('concern model', () => {
  const text = normalizeText('Delegates weighed a plan put forward by poorer states');

  it('in union mode adds what the model finds to what the rules tag', () => {
    const model = compileConcernModel(fileWith('union', [['technical-assistance', 'plan', 3]]));
    expect(tagConcerns(text, NONE, rules)).not.toContain('technical-assistance');
    expect(tagConcernsWithModel(text, NONE, model, rules)).toContain('technical-assistance');
  });

  it('below its threshold adds nothing, and in rules mode is ignored', () => {
    expect(tagConcernsWithModel(text, NONE, compileConcernModel(fileWith('union', [['technical-assistance', 'plan', 1]])), rules)).toEqual(
      tagConcerns(text, NONE, rules),
    );
    expect(tagConcernsWithModel(text, NONE, compileConcernModel(fileWith('rules', [['technical-assistance', 'plan', 9]])), rules)).toEqual(
      tagConcerns(text, NONE, rules),
    );
  });

  it('in model mode tags only what the model finds, with implied concerns', () => {
    const model = compileConcernModel(fileWith('model', [['dual-criminality', 'plan', 5]]));
    expect(tagConcernsWithModel(text, NONE, model, rules)).toEqual(['dual-criminality', 'cross-border-cooperation']);
  });

  it('rejects a malformed file with a clear error', () => {
    expect(() => compileConcernModel({ ...fileWith('union', []), mode: 'both' as never })).toThrow(/unknown mode/);
    const bad = fileWith('union', [['scope', 'x', 1]]);
    bad.concerns[0]!.indexes = [7];
    expect(() => compileConcernModel(bad)).toThrow(/feature 7/);
    bad.concerns[0]!.weights = [1, 2];
    expect(() => compileConcernModel(bad)).toThrow(/index-aligned/);
  });
});

describe('concern training', () => {
  const items: TrainingItem[] = [];
  for (let i = 0; i < 12; i++) {
    items.push({ id: `p${i}`, features: ['fund', `w${i}`], concerns: ['technical-assistance'] });
    items.push({ id: `n${i}`, features: ['vote', `w${i}`], concerns: ['process'] });
  }

  it('learns a separable toy set and is deterministic', () => {
    const a = trainConcernModel(items, ['technical-assistance', 'process'], 'union', 0.5);
    const b = trainConcernModel(items, ['technical-assistance', 'process'], 'union', 0.5);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const model = compileConcernModel(a);
    expect(tagConcernsWithModel(normalizeText('a fund'), NONE, { ...model, mode: 'model' }, rules)).toEqual(['technical-assistance']);
    expect(tagConcernsWithModel(normalizeText('a vote'), NONE, { ...model, mode: 'model' }, rules)).toEqual(['process']);
  });
});

describe('shipped concern model (knowledge/concern-model.json)', () => {
  const path = projectPath('knowledge', 'concern-model.json');
  it.skipIf(!existsSync(path))('compiles, and scores only concerns of the taxonomy', () => {
    const file = JSON.parse(readFileSync(path, 'utf8')) as ConcernModelFile;
    const ids = new Set(rules.concerns.map((c) => c.id));
    // Compiled against the taxonomy, as the loader does: a stacked model reads the rules' verdicts by position.
    const model = compileConcernModel(file, path, ids);
    expect(KNOWLEDGE.concernModel?.ids).toEqual(model.ids);
    for (const id of model.ids) expect(ids.has(id), id).toBe(true);
  });
});

describe('concern model scoring', () => {
  it('adds the weights of a feature listed twice in the file', () => {
    const file = fileWith('union', [['technical-assistance', 'plan', 1]]);
    const twice = { ...file, features: [...file.features, 'plan'], concerns: file.concerns.map((c) => ({ ...c, indexes: [...c.indexes, file.features.length], weights: [...c.weights, 2] })) };
    const once = { ...file, concerns: file.concerns.map((c) => ({ ...c, weights: c.weights.map(() => 3) })) };
    expect(scoreWithModel(compileConcernModel(twice), ['plan'])).toEqual(scoreWithModel(compileConcernModel(once), ['plan']));
  });
});

describe('concern model on long texts', () => {
  it('leaves a text longer than longTextChars to the rules', () => {
    const model = compileConcernModel(fileWith('union', [['technical-assistance', 'plan', 9]]));
    const long = normalizeText('Delegates weighed a plan put forward by poorer states. ' + 'The meeting continued. '.repeat(500));
    expect(long.length).toBeGreaterThan(rules.longTextChars);
    expect(tagConcernsWithModel(long, NONE, model, rules)).toEqual(tagConcerns(long, NONE, rules));
  });
});

describe('concern model as a knowledge file', () => {
  it('is optional, and a bad one stops loading naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'concern-model-'));
    try {
      cpSync(projectPath('knowledge'), dir, { recursive: true });
      rmSync(join(dir, 'concern-model.json'), { force: true });
      expect(loadKnowledge({ dir }).concernModel).toBeNull();
      writeFileSync(join(dir, 'concern-model.json'), JSON.stringify(fileWith('union', [['no-such-concern', 'plan', 1]])));
      expect(() => loadKnowledge({ dir })).toThrow(/concern-model\.json.*no-such-concern/);
      expect(loadKnowledge({ dir, concernModel: false }).concernModel).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
