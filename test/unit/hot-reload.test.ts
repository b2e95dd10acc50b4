import { describe, expect, it } from 'vitest';
import { FaqService } from '../../src/faq/faq.service.js';
import { KnowledgeStore } from '../../src/knowledge/knowledge.store.js';
import { entryText, tempKnowledge, writeEntry } from '../harness/temp-knowledge.js';

const title = 'Hvordan bestiller jeg en ny regnbuekrokodille til klassen?';

describe('knowledge hot reload', () => {
  it('picks up an edited answer without a restart', async () => {
    const dir = tempKnowledge({ 'test/test-krokodille.md': entryText('test-krokodille', { title, body: 'Gammelt svar.' }) });
    const store = new KnowledgeStore(dir);
    const faq = new FaqService(() => store.current());
    expect(faq.ask(title).answer?.text).toBe('Gammelt svar.');
    store.watch(100);
    await new Promise((r) => setTimeout(r, 20));
    writeEntry(dir, 'test/test-krokodille.md', entryText('test-krokodille', { title, body: 'Nyt svar efter redigering.' }));
    const deadline = Date.now() + 5000;
    while (faq.ask(title).answer?.text !== 'Nyt svar efter redigering.' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    store.stop();
    expect(faq.ask(title).answer?.text).toBe('Nyt svar efter redigering.');
  });

  it('keeps the last good version when an edit breaks every entry', () => {
    const dir = tempKnowledge({ 'test/test-krokodille.md': entryText('test-krokodille', { title, body: 'Godt svar.' }) });
    const problems: string[] = [];
    const store = new KnowledgeStore(dir, { onProblems: (p) => problems.push(...p.map((x) => x.message)) });
    writeEntry(dir, 'test/test-krokodille.md', '---\nid: [broken\n---\n');
    expect(store.reloadIfChanged()).toBe(false);
    expect(problems.length).toBeGreaterThan(0);
    expect(new FaqService(() => store.current()).ask(title).answer?.text).toBe('Godt svar.');
  });
});
