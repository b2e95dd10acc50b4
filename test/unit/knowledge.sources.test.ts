import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/knowledge.loader.js';
import { formatProblem } from '../../src/knowledge/problem.js';
import { datedClaim } from '../../src/knowledge/sources.js';
import { DataAnswers } from '../../src/faq/data-answers.js';
import { entryText, tempKnowledge } from '../harness/temp-knowledge.js';

const withSource = (id: string, source: string, extra = '', body?: string) =>
  entryText(id, { extra, ...(body ? { body } : {}) }).replace('source: "seed 000, afsnit 1"', `source: "${source}"`);

describe('source registry', () => {
  it('shows a registry id as publisher, title and year, keeping the section', () => {
    const kb = loadKnowledge(tempKnowledge({ 'test/test-a.md': withSource('test-a', 'kombit-haandbog-dagtilbud, del 2, afsnit 8.1.3') }));
    expect(kb.problems).toEqual([]);
    expect(kb.entries[0]?.sources).toEqual(['KOMBIT: Implementeringshåndbog for dagtilbud, version 3.2 (2020), del 2, afsnit 8.1.3']);
    expect(kb.entries[0]?.sourceRefs).toEqual(['kombit-haandbog-dagtilbud, del 2, afsnit 8.1.3']);
  });

  it('shows a URL known to the registry by its title', () => {
    const kb = loadKnowledge(tempKnowledge({ 'test/test-b.md': withSource('test-b', 'https://aulainfo.dk/guide-til-foraeldre-og-elever/aendringer-til-samtykker-i-aula/') }));
    expect(kb.entries[0]?.sources).toEqual(['aulainfo.dk: Samtykker i Aula (ændringerne den 27. august 2022) (2022)']);
  });

  it('rejects an unknown source id with its file and line', () => {
    const kb = loadKnowledge(tempKnowledge({ 'test/test-c.md': withSource('test-c', 'kombit-findes-ikke, afsnit 2') }));
    expect(kb.problems.map(formatProblem)).toEqual([expect.stringMatching(/test-c\.md:8: ukendt kilde-id "kombit-findes-ikke"/)]);
  });

  it('rejects an internal seed file name', () => {
    const kb = loadKnowledge(tempKnowledge({ 'test/test-d.md': withSource('test-d', '002_a63749c5a6056963.txt, tabellen') }));
    expect(kb.problems.map(formatProblem)).toEqual([expect.stringMatching(/test-d\.md:8: .*internt filnavn/)]);
  });

  it('rejects a bad registry entry', () => {
    const dir = tempKnowledge({});
    writeFileSync(join(dir, 'data', 'sources.yaml'), 'god-kilde:\n  title: En titel\n  publisher: KOMBIT\nDaarlig_id:\n  title: x\n  publisher: y\nuden-udgiver:\n  title: z\n');
    const msgs = loadKnowledge(dir).problems.map(formatProblem);
    expect(msgs).toContainEqual(expect.stringMatching(/sources\.yaml:4: kilde-id "Daarlig_id"/));
    expect(msgs).toContainEqual(expect.stringMatching(/sources\.yaml:7: kilde "uden-udgiver": mangler publisher/));
  });
});

describe('dated claims need as_of', () => {
  it('rejects an answer with "pt." and no as_of, at the body line', () => {
    const kb = loadKnowledge(tempKnowledge({ 'test/test-e.md': withSource('test-e', 'seed 000', '', 'Det er pt. ikke muligt.') }));
    expect(kb.problems.map(formatProblem)).toEqual([expect.stringMatching(/test-e\.md:10: svaret afhænger af tidspunktet \("pt\."\): angiv as_of/)]);
  });

  it('accepts the same answer with as_of', () => {
    const kb = loadKnowledge(tempKnowledge({ 'test/test-f.md': withSource('test-f', 'seed 000', 'as_of: "2020"\n', 'Det er pt. ikke muligt.') }));
    expect(kb.problems).toEqual([]);
  });

  it('finds years, "nu" and the other signs, and not words that merely contain them', () => {
    expect(datedClaim('Siden august 2022 gælder det.')).toBe('2022');
    expect(datedClaim('Det kan du nu.')).toBe('nu');
    expect(datedClaim('Du skal ikke længere bruge UNI-Login.')).toBe('ikke længere');
    expect(datedClaim('Nummeret er tlf. 33 98 00 10, og du kan bruge appen.')).toBeUndefined();
    expect(datedClaim('Se [siden](https://aulainfo.dk/2019/faq).')).toBeUndefined();
  });
});

describe('the real knowledge base', () => {
  const kb = loadKnowledge('knowledge');

  it('passes knowledge check', () => {
    expect(kb.problems.map(formatProblem)).toEqual([]);
  });

  it('shows no internal file names as sources', () => {
    const bad = kb.entries.filter((e) => e.sources.some((s) => /\d{3}_[0-9a-f]{16}\.txt/.test(s))).map((e) => e.id);
    expect(bad).toEqual([]);
  });
});

describe('wave and seat answers (audit corrections)', () => {
  const kb = loadKnowledge('knowledge');
  const data = new DataAnswers(kb.municipalities, kb.waves);

  it.each(['København', 'Vejle', 'Kolding'])('says %s did not join Aula Dagtilbud instead of giving wave dates', (name) => {
    const a = data.answer(`Hvornår fik dagtilbud i ${name} Aula?`);
    expect(a?.text).toMatch(/ikke med i udrulningen af Aula på dagtilbudsområdet/);
    expect(a?.text).not.toMatch(/Forældrene fik adgang/);
    expect(a?.sources.join(' ')).toMatch(/aulainfo\.dk/);
  });

  it('still gives wave dates for a municipality that joined', () => {
    expect(data.answer('Hvornår fik dagtilbud i Odense Aula?')?.text).toMatch(/bølge 4/);
  });

  it('dates the seat table to the 2018 memo and names it readably', () => {
    const a = data.answer('Hvor mange supportberettigede har Odense?');
    expect(a?.text).toMatch(/fordeling fra 2018/);
    expect(a?.sources[0]).toMatch(/^KOMBIT: Fordeling af supportberettigede/);
  });
});
