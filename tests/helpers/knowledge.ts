import { loadKnowledge, type Knowledge } from '../../src/knowledge/load-knowledge.js';

/** The project's own knowledge (`knowledge/`), loaded once for every test file that imports it. */
export const KNOWLEDGE: Knowledge = loadKnowledge();
