import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/sqlite/database.js';
import { MAX_STORED_QUESTION } from '../../src/store/sqlite/question-log.sqlite-repository.js';
import { fileReport, person, testCore } from '../harness/core.harness.js';

// After retention the database FILE holds none of a closed report's text: not in the report, its
// notes, the notifications that carried it (approval cards, reasons, status messages), nor in free
// pages (secure_delete). Old questions and handled event ids are gone too.

const SECRETS = ['ZebrafinkQX17', 'KvasirZZ93', 'Flitterbogaard', 'SammeFejlMB28', 'AfvisningRR55', 'PelikanPB61', 'PelikanPD62', 'StatusbeskedSS66', 'MyretueQQ77', 'slack:EvGammelEV88', 'AuditTekstAT99'];

function fileContains(path: string, needle: string): boolean {
  const hits = (p: string) => existsSync(p) && readFileSync(p).includes(Buffer.from(needle, 'utf8'));
  return hits(path) || hits(`${path}-wal`);
}

describe('retention leaves no text behind', () => {
  it('a closed report, its notes, notification payloads, old questions and event ids are gone from the database file', async () => {
    let now = new Date('2026-01-10T10:00:00Z');
    const core = testCore({ RETENTION_DAYS: '30', QUESTION_RETENTION_DAYS: '90' }, { now: () => now });
    const sara = person(core, 'sara.kvist@odense.dk', 'Sara Kvist', 'Odense', 'superuser');
    const bo = person(core, 'bo@odense.dk', 'Bo Superbruger', 'Odense', 'superuser');
    const hans = person(core, 'hans@odense.dk', 'Hans Holder', 'Odense', 'staff', true);
    const approver = { kind: 'person' as const, person: hans, identity: 'x' };

    // Report A: a "same error" note from Bo, then rejected with a reason.
    const a = fileReport(core, sara, { title: 'Beskeder ZebrafinkQX17 forsvinder', whatHappened: 'Når man åbner KvasirZZ93 lukker appen.', occurredDate: '2026-01-05', affectedNames: 'Gorm Flitterbogaard' });
    const draft = core.workflow.draftFor(bo);
    expect(core.workflow.saveDraft(bo, draft.id, { whatHappened: 'Jeg ser det samme SammeFejlMB28' }).ok).toBe(true);
    expect(core.workflow.sameError(bo, draft.id, a).ok).toBe(true);
    expect(core.workflow.decide(approver, a, 'reject', 'Det er brug AfvisningRR55').ok).toBe(true);
    // Report B: approved, forwarded and closed by the service desk with a message.
    const b = fileReport(core, sara, { title: 'Kalender PelikanPB61 viser forkert', whatHappened: 'Aftaler PelikanPD62 flytter sig.', occurredDate: '2026-01-05' });
    expect(core.workflow.decide(approver, b, 'approve').ok).toBe(true);
    await core.outboxWorker.runOnce();
    expect(core.delivery.externalStatus(b, 'lukket', 'Rettet i version 2 StatusbeskedSS66', 'INC-1').ok).toBe(true);
    // An audit entry about the report that holds free text (as a forwarder's reason could).
    core.audit.record({ actor: 'outbox', action: 'report.dead_letter', subject: `report:${b}`, before: { status: 'approved' }, after: { reason: 'svar fra desk: AuditTekstAT99' } });
    // A question and a handled platform event.
    await core.bot.handle({ type: 'message', actor: { identity: 'local:mads@odense.dk' }, conversation: { channel: 'test', id: 'c' }, text: 'hvordan fjerner jeg MyretueQQ77 fra kalenderen' });
    expect(core.platform.firstTime('slack:EvGammelEV88')).toBe(true);
    (core.db as Db).pragma('wal_checkpoint(TRUNCATE)');
    for (const s of SECRETS) expect(fileContains(core.config.DATABASE_PATH, s), s).toBe(true);
    expect((core.db.prepare("SELECT COUNT(*) AS n FROM notifications WHERE payload LIKE '%sara.kvist@odense.dk%'").get() as { n: number }).n).toBeGreaterThan(0);

    now = new Date('2026-05-01T10:00:00Z');
    expect(core.platform.firstTime('slack:EvNyt')).toBe(true);
    expect(core.anonymiseExpired()).toBe(3); // A, B and Bo's withdrawn draft
    expect(core.platform.firstTime('slack:EvNyt')).toBe(false); // a recent event id is still known
    expect(core.platform.firstTime('slack:EvGammelEV88')).toBe(true); // an old one was forgotten
    core.db.prepare("DELETE FROM processed_events WHERE event_key = 'slack:EvGammelEV88'").run();
    (core.db as Db).pragma('wal_checkpoint(TRUNCATE)');
    for (const s of SECRETS) expect(fileContains(core.config.DATABASE_PATH, s), s).toBe(false);
    expect((core.db.prepare("SELECT COUNT(*) AS n FROM notifications WHERE payload LIKE '%sara.kvist@odense.dk%'").get() as { n: number }).n).toBe(0);
    // The report numbers, statuses and the audit trail of who did what remain.
    expect(core.workflow.get(a)?.status).toBe('rejected');
    expect(core.audit.list({ subject: `report:${a}` }).map((e) => e.action)).toContain('report.reject');
    expect(core.audit.list({ subject: `report:${b}` }).find((e) => e.action === 'report.dead_letter')).toMatchObject({ before: { status: 'approved' }, after: null });
    await core.close();
  });

  it('keeps recent questions, deletes old ones with their feedback, and stores at most 1000 characters of a question', async () => {
    let now = new Date('2026-01-10T10:00:00Z');
    const core = testCore({ QUESTION_RETENTION_DAYS: '90' }, { now: () => now });
    const ask = (text: string) => core.bot.handle({ type: 'message', actor: { identity: 'local:mads@odense.dk' }, conversation: { channel: 'test', id: 'c' }, text });
    await ask(`hvordan sender jeg en besked ${'lang tekst '.repeat(20_000)}`);
    const stored = core.db.prepare('SELECT id, question FROM questions').all() as { id: number; question: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.question.length).toBe(MAX_STORED_QUESTION);
    core.db.prepare('INSERT INTO answer_feedback (question_id, entry_id, helpful, identity, given_at) VALUES (?, ?, 1, NULL, ?)').run(stored[0]!.id, 'x', now.toISOString());
    now = new Date('2026-03-01T10:00:00Z');
    await ask('hvem må kontakte netcompany');
    now = new Date('2026-04-15T10:00:00Z'); // the first question is 95 days old, the second 45
    core.anonymiseExpired();
    expect((core.db.prepare('SELECT question FROM questions').all() as { question: string }[]).map((q) => q.question)).toEqual(['hvem må kontakte netcompany']);
    expect((core.db.prepare('SELECT COUNT(*) AS n FROM answer_feedback').get() as { n: number }).n).toBe(0);
    await core.close();
  });
});
