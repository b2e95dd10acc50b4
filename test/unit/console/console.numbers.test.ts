import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../../adapters/console/console.adapter.js';
import { person, testCore } from '../../harness/core.harness.js';

/** Issue 13.3: in the terminal a number is a choice; one with no matching choice is never sent as a question. */
describe('terminal chat: numbers', () => {
  it('a number with no matching choice says so instead of searching the FAQ ("5" is not about the iPhone 5)', async () => {
    const core = testCore();
    person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d: Buffer) => (out += d.toString()));
    const done = runConsoleChat(core.bot, { identity: 'local:sara@aeroe.dk', email: 'sara@aeroe.dk' }, input, output, core.reports);
    input.end(['5', 'fejl', 'Kalenderen er tom', '99', '3', 'farvel', ''].join('\n'));
    await done;
    expect(out).not.toMatch(/iPhone/i);
    expect(out).toMatch(/Jeg ved ikke, hvad "5" svarer på/);
    expect(out).toMatch(/Der er ikke noget valg nummer 99\. Skriv et tal fra 1 til \d+/);
    // "3" then picks Kalender and the dialogue goes on.
    expect(out).toMatch(/Hvad skete der\?/);
    expect(core.workflow.openDraft(core.directory.personByEmail('sara@aeroe.dk')!)!.fields.area).toBe('kalender');
    await core.close();
  });
});

describe('terminal chat: notifications (issue 13.5)', () => {
  it('shows a new approval request without the user typing anything, with its buttons numbered after those on screen', async () => {
    const { fileReport } = await import('../../harness/core.harness.js');
    const { until } = await import('../../harness/until.js');
    const core = testCore();
    const sara = person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
    person(core, 'hans@aeroe.dk', 'Hans Holder', 'Ærø', 'staff', true);
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d: Buffer) => (out += d.toString()));
    const done = runConsoleChat(core.bot, { identity: 'local:hans@aeroe.dk', email: 'hans@aeroe.dk' }, input, output, core.reports, { pollMs: 20 });
    const number = fileReport(core, sara);
    await until(() => out.includes(number), 5000, 'the approval request in the terminal');
    expect(out).toMatch(/Ny besked til dig:[\s\S]*\[1\] Godkend og send til Netcompany/);
    input.end('1\nfarvel\n');
    await done;
    expect(core.workflow.get(number)!.status).toBe('approved');
    await core.close();
  });
});
