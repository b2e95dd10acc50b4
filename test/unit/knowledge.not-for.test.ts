import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/knowledge.loader.js';
import { formatProblem } from '../../src/knowledge/problem.js';
import { entryText, tempKnowledge } from '../harness/temp-knowledge.js';

const withNotFor = (id: string, title: string, notFor: string[]) =>
  entryText(id, { title, extra: `not_for:\n${notFor.map((p) => `  - "${p}"`).join('\n')}\n` });

describe('knowledge check: not_for phrasings', () => {
  it('rejects a phrasing that would keep the entry from answering its own title, naming it', () => {
    const kb = loadKnowledge(tempKnowledge({ 'test/svar-besked.md': withNotFor('svar-besked', 'Hvordan svarer jeg på en besked?', ['svarer jeg på en besked']) }));
    expect(kb.problems.map(formatProblem)).toEqual([expect.stringMatching(/svar-besked\.md:\d+: not_for "svarer jeg på en besked" udelukker postens eget spørgsmål "Hvordan svarer jeg på en besked\?"/)]);
  });

  it('rejects a phrasing of small words only (it excludes nothing)', () => {
    const kb = loadKnowledge(tempKnowledge({ 'test/lille.md': withNotFor('lille', 'Hvordan logger jeg ind?', ['kan ikke']) }));
    expect(kb.problems.map(formatProblem)).toEqual([expect.stringMatching(/lille\.md:\d+: not_for "kan ikke" har intet indholdsord/)]);
  });

  it('accepts a phrasing that separates the entry from a neighbour', () => {
    const kb = loadKnowledge(tempKnowledge({ 'test/svar-invitation.md': withNotFor('svar-invitation', 'Hvordan svarer jeg på en invitation?', ['hvem har svaret']) }));
    expect(kb.problems).toEqual([]);
  });
});
