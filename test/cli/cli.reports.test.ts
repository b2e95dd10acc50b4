import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDbPath } from '../harness/run-cli.js';

describe('aula-support people, seats, reports, outbox and audit', () => {
  it('registers people, assigns seats up to the quota and refuses a fourth seat in Ærø on stderr', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    for (const n of [1, 2, 3, 4]) {
      const add = await runCli(['people', 'add', '--email', `s${n}@aeroe.dk`, '--name', `Seat ${'ABCD'[n - 1]}`, '--municipality', 'Ærø', '--role', 'staff'], { env });
      expect(add.code).toBe(0);
    }
    for (const n of [1, 2, 3]) expect((await runCli(['seats', 'assign', '--municipality', '492', '--email', `s${n}@aeroe.dk`], { env })).code).toBe(0);
    const fourth = await runCli(['seats', 'assign', '--municipality', 'Ærø', '--email', 's4@aeroe.dk'], { env });
    expect(fourth.code).not.toBe(0);
    expect(fourth.stderr).toMatch(/Ærø Kommune har 3 pladser som supportberettiget, og alle er i brug: Seat A/);
    const list = JSON.parse((await runCli(['seats', 'list', '--municipality', 'Ærø', '--json'], { env })).stdout) as { quota: number; holders: unknown[] }[];
    expect(list[0]).toMatchObject({ quota: 3 });
    expect(list[0]?.holders).toHaveLength(3);
    const audit = JSON.parse((await runCli(['audit', '--json'], { env })).stdout) as { action: string; outcome: string }[];
    expect(audit.filter((a) => a.action === 'seat.assign').map((a) => a.outcome).sort()).toEqual(['ok', 'ok', 'ok', 'refused']);
  });

  it('imports people from CSV, reporting bad lines, and links identities', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    const file = join(env.DATABASE_PATH, '..', 'people.csv');
    writeFileSync(file, 'email,navn,kommunekode,rolle\nanna@odense.dk,Anna Andersen,461,superuser\nbad-email,Bo,461,staff\nole@odense.dk,Ole Olsen,999,staff\n');
    const r = await runCli(['people', 'import', file], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/1 person importeret, 2 linjer med fejl/);
    expect(r.stderr).toMatch(/linje 3: "bad-email" er ikke en gyldig e-mailadresse/);
    expect(r.stderr).toMatch(/linje 4: Kommunen "999" findes ikke/);
    expect((await runCli(['people', 'link', '--email', 'anna@odense.dk', '--identity', 'slack:T123:U456'], { env })).code).toBe(0);
    const bad = await runCli(['people', 'link', '--email', 'anna@odense.dk', '--identity', 'facebook:1'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/har ikke formen slack:/);
  });

  it('files, approves and forwards through the terminal chat; reports list, show and outbox see it', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    await runCli(['people', 'add', '--email', 'sara@odense.dk', '--name', 'Sara Superbruger', '--municipality', 'Odense', '--role', 'superuser'], { env });
    await runCli(['people', 'add', '--email', 'hans@odense.dk', '--name', 'Hans Holder', '--municipality', 'Odense', '--role', 'staff'], { env });
    await runCli(['seats', 'assign', '--municipality', 'Odense', '--email', 'hans@odense.dk'], { env });
    // Required questions first; the optional ones (error text, other users, links) last, skipped with "-".
    const answers = ['fejl', 'Kalenderen viser ingen begivenheder', '3', 'Kalenderen er tom for alle på skolen', 'At se ugens begivenheder', 'Åbn Kalender', '2026-11-20', '09:00', '1', '1', 'Windows 11', 'Chrome 126', 'Hele skolen', '1', 'Munkebjerg Skole', '461001', '3', '2', '-', '-', '-', '1', 'status', 'farvel'];
    const filed = await runCli(['chat', '--as', 'sara@odense.dk'], { env, input: `${answers.join('\n')}\n` });
    const number = /AULA-\d{4}-\d{6}/.exec(filed.stdout)?.[0];
    expect(number, filed.stdout.slice(-1500)).toBeDefined();
    expect(filed.stdout).toContain(`${number} Kalenderen viser ingen begivenheder – afventer godkendelse`);
    const approved = await runCli(['chat', '--as', 'hans@odense.dk'], { env, input: `godkend ${number}\nfarvel\n` });
    expect(approved.stdout).toMatch(/Ny besked til dig/);
    expect(approved.stdout).toContain(`Rapport ${number} er godkendt og sendes nu til Netcompany.`);
    const list = JSON.parse((await runCli(['reports', 'list', '--municipality', 'Odense', '--json'], { env })).stdout) as { number: string; status: string }[];
    expect(list).toEqual([expect.objectContaining({ number, status: 'forwarded' })]);
    const show = await runCli(['reports', 'show', number!], { env });
    expect(show.stdout).toMatch(/Munkebjerg Skole/);
    expect(show.stdout).toMatch(/Aula-supportbot installation [0-9a-f-]{36}, rapport-id [0-9a-f-]{36}/);
    const outbox = JSON.parse((await runCli(['outbox', '--json'], { env })).stdout) as { pending: number; items: { status: string }[] };
    expect(outbox).toMatchObject({ pending: 0, installationId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/), items: [{ status: 'delivered', kind: 'report' }] });
    const refused = await runCli(['outbox', '--retry', number!], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/ligger ikke som død post/);
  });
});
