import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/knowledge.loader.js';
import { formatProblem } from '../../src/knowledge/problem.js';
import { entryText, tempKnowledge } from '../harness/temp-knowledge.js';

const good = (id: string, extra = '') => entryText(id, { extra });

describe('knowledge loader', () => {
  it('loads valid entries', () => {
    const kb = loadKnowledge(tempKnowledge({ 'test/test-a.md': good('test-a') }));
    expect(kb.problems).toEqual([]);
    expect(kb.entries).toHaveLength(1);
    expect(kb.entries[0]).toMatchObject({ id: 'test-a', sources: ['seed 000, afsnit 1'], body: 'Et godt svar.' });
    expect(kb.municipalities).toHaveLength(98);
  });

  it('reports a missing source with its file and line', () => {
    const text = good('test-b').replace('source: "seed 000, afsnit 1"\n', '');
    const kb = loadKnowledge(tempKnowledge({ 'test/test-b.md': text }));
    expect(kb.problems.map(formatProblem)).toEqual([expect.stringMatching(/test\/test-b\.md:\d+: mangler source/)]);
  });

  it('reports an empty answer at the line after the front matter', () => {
    const text = good('test-c').replace('Et godt svar.\n', '\n');
    const kb = loadKnowledge(tempKnowledge({ 'test/test-c.md': text }));
    expect(kb.problems.map(formatProblem)).toEqual([expect.stringMatching(/test-c\.md:10: svaret er tomt/)]);
  });

  it('reports duplicate ids naming the first file', () => {
    const kb = loadKnowledge(tempKnowledge({ 'test/test-d.md': good('test-d'), 'test2/test-d.md': good('test-d').replace('category: test', 'category: test2') }));
    const msgs = kb.problems.map(formatProblem);
    expect(msgs).toContainEqual(expect.stringMatching(/test2\/test-d\.md:2: id "test-d" findes allerede i .*test\/test-d\.md/));
  });

  it('reports a bad field on its own line', () => {
    const text = good('test-e').replace('audience: [staff]', 'audience: [kunder]');
    const kb = loadKnowledge(tempKnowledge({ 'test/test-e.md': text }));
    expect(kb.problems.map(formatProblem)).toEqual([expect.stringMatching(/test-e\.md:7: audience skal være en af/)]);
  });

  it('reports broken YAML with its line', () => {
    const text = good('test-f').replace('tags: [test]', 'tags: [test');
    const kb = loadKnowledge(tempKnowledge({ 'test/test-f.md': text }));
    expect(kb.problems[0]?.message).toMatch(/ugyldig YAML/);
    expect(kb.problems[0]?.line).toBeGreaterThan(1);
  });

  it('reports an id that differs from the file name and unknown fields', () => {
    const kb = loadKnowledge(tempKnowledge({ 'test/test-g.md': good('test-x', 'colour: blue\n') }));
    const msgs = kb.problems.map(formatProblem).join('\n');
    expect(msgs).toMatch(/test-g\.md:\d+: ukendt felt: colour/);
  });
});
