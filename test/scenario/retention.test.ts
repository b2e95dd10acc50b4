import { describe, expect, it } from 'vitest';
import { fileReport, person, testCore } from '../harness/core.harness.js';

describe('retention and personal data', () => {
  it('anonymises closed reports after RETENTION_DAYS and leaves open ones alone', async () => {
    let now = new Date('2026-01-10T10:00:00Z');
    const core = testCore({ RETENTION_DAYS: '30' }, { now: () => now });
    const reporter = person(core, 'sara@odense.dk', 'Sara', 'Odense', 'superuser');
    const holder = person(core, 'hans@odense.dk', 'Hans', 'Odense', 'staff', true);
    const closed = fileReport(core, reporter, { occurredDate: '2026-01-05' });
    const open = fileReport(core, reporter, { occurredDate: '2026-01-05', title: 'Noget andet i kalenderen' });
    core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, closed, 'reject', 'Spørgsmål om brug');
    now = new Date('2026-02-01T10:00:00Z');
    expect(core.anonymiseExpired()).toBe(0);
    now = new Date('2026-02-15T10:00:00Z');
    expect(core.anonymiseExpired()).toBe(1);
    expect(core.workflow.get(closed)?.fields).toEqual({ title: '[anonymiseret]' });
    expect(core.workflow.get(closed)?.decisionNote).toBeNull();
    expect(core.workflow.get(open)?.fields.affectedNames).toBe('Mette Hansen');
    await core.close();
  });

  it('never writes report contents, names or CPR numbers to the log', async () => {
    const core = testCore();
    const reporter = person(core, 'sara@odense.dk', 'Sara Superbruger', 'Odense', 'superuser');
    const holder = person(core, 'hans@odense.dk', 'Hans', 'Odense', 'staff', true);
    const number = fileReport(core, reporter, { whatHappened: 'Barnet 010203-1234 kan ikke se beskeder', affectedNames: 'Mette Hansen' });
    core.workflow.decide({ kind: 'person', person: holder, identity: 'x' }, number, 'approve');
    await core.outboxWorker.runOnce();
    expect(core.logs.text).toContain('report delivered');
    for (const secret of ['010203-1234', '010203', 'Mette Hansen', 'kan ikke se beskeder', 'sara@odense.dk']) expect(core.logs.text).not.toContain(secret);
    await core.close();
  });
});
