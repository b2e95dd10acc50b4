import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli, tempDbPath } from '../harness/run-cli.js';
import { entryText, tempKnowledge } from '../harness/temp-knowledge.js';

const askJson = z
  .object({
    answered: z.boolean(),
    answer: z.object({ id: z.string(), title: z.string(), text: z.string() }).strict().nullable(),
    suggestions: z.array(z.object({ id: z.string(), title: z.string() }).strict()),
    score: z.number(),
  })
  .strict();

describe('aula-support CLI', () => {
  it('ask --json prints exactly one JSON object of the documented shape', async () => {
    const r = await runCli(['ask', 'Hvor mange supportberettigede har Odense?', '--json']);
    expect(r.code).toBe(0);
    const parsed = askJson.parse(JSON.parse(r.stdout));
    expect(parsed).toMatchObject({ answered: true, answer: { id: 'data-seats-461' } });
    expect(parsed.answer?.text).toContain('15');
  });

  it('ask declines an out-of-scope question', async () => {
    const r = await runCli(['ask', '--json', 'Hvordan skifter jeg toner i printeren på kontoret?']);
    const parsed = askJson.parse(JSON.parse(r.stdout));
    expect(parsed.answered).toBe(false);
    expect(parsed.answer).toBeNull();
  });

  it('ask without --json prints the answer and its source in Danish', async () => {
    const r = await runCli(['ask', 'hvor mange supportberettigede er der i alt']);
    expect(r.stdout).toContain('719');
    expect(r.stdout).toMatch(/Kilde:/);
  });

  it('municipalities --json lists the 98 municipalities with the seed seats', async () => {
    const r = await runCli(['municipalities', '--json']);
    const list = z.array(z.object({ code: z.string(), name: z.string(), region: z.string(), seats: z.number() })).parse(JSON.parse(r.stdout));
    expect(list).toHaveLength(98);
    expect(list.reduce((s, m) => s + m.seats, 0)).toBe(719);
    expect(list.find((m) => m.code === '492')).toMatchObject({ name: 'Ærø Kommune', seats: 3 });
  });

  it('knowledge check passes on the real knowledge base', async () => {
    const r = await runCli(['knowledge', 'check']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: \d+ spørgsmål, 98 kommuner \(719 supportberettigede\)/);
  });

  it('knowledge check catches a broken entry with its file and line and exits non-zero', async () => {
    const dir = tempKnowledge({ 'test/test-ok.md': entryText('test-ok'), 'test/test-broken.md': entryText('test-broken').replace(/source: .*\n/, '') });
    const r = await runCli(['knowledge', 'check'], { env: { KNOWLEDGE_DIR: dir } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/faq\/test\/test-broken\.md:\d+: mangler source/);
  });

  it('explains a bad environment variable and what to set', async () => {
    const r = await runCli(['ask', 'x'], { env: { PORT: 'nope' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PORT="nope"/);
  });

  it('rejects an unknown command with usage help in Danish', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Ukendt kommando "frobnicate"/);
  });

  it('chat answers typed questions and lets the user click a choice by number', async () => {
    const r = await runCli(['chat', '--as', 'anna@kommune.dk'], { input: 'hvor mange supportberettigede har Ærø?\n1\nfarvel\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('local:anna@kommune.dk');
    expect(r.stdout).toMatch(/Ærø Kommune .* har 3 supportberettigede/);
    expect(r.stdout).toContain('Tak! Godt at svaret hjalp.');
    expect(r.stdout).toContain('Farvel.');
  });

  it('questions unanswered shows what the bot could not answer, masked', async () => {
    const db = tempDbPath();
    await runCli(['ask', 'Hvordan booker jeg mødelokale 0102031234?'], { env: { DATABASE_PATH: db } });
    const r = await runCli(['questions', 'unanswered', '--json'], { env: { DATABASE_PATH: db } });
    const rows = JSON.parse(r.stdout) as { question: string }[];
    expect(rows[0]?.question).toContain('[CPR-nummer skjult]');
    expect(rows[0]?.question).not.toContain('0102031234');
  });
});
