import { describe, expect, it } from 'vitest';
import type { ReportStore } from '../../src/reports/report.store.port.js';
import { openDatabase } from '../../src/store/sqlite/database.js';
import { SqliteReports } from '../../src/store/sqlite/report.sqlite-repository.js';
import { MemoryReportStore } from '../fakes/report-store.memory.js';
import { usePostgres } from '../harness/pg-store.js';

const pg = usePostgres();
const PERSON = "INSERT INTO people (id, email, name, municipality_code, role, created_at, updated_at) VALUES (1, 'a@b.dk', 'A', '461', 'superuser', '', '')";

type Clock = { at: Date };
const implementations: [string, (clock: Clock) => ReportStore][] = [
  ['memory fake', (c) => new MemoryReportStore(() => c.at)],
  [
    'SQLite',
    (c) => {
      const db = openDatabase(':memory:');
      // reports.reporter_id references people; one row is enough for the contract.
      db.prepare(PERSON).run();
      return new SqliteReports(db, () => c.at);
    },
  ],
  [
    'PostgreSQL',
    (c) => {
      const db = pg.fresh();
      db.prepare(PERSON).run();
      return new SqliteReports(db, () => c.at);
    },
  ],
];

describe.each(implementations)('ReportStore contract: %s', (_name, make) => {
  const setup = () => {
    const clock = { at: new Date('2026-11-20T10:00:00Z') };
    return { clock, store: make(clock) };
  };

  it('creates drafts and finds them by id', () => {
    const { store } = setup();
    const d = store.createDraft('461', 1, { title: 'Fejl' }, 'area');
    expect(store.byId(d.id)).toMatchObject({ status: 'draft', number: null, fields: { title: 'Fejl' }, draftStep: 'area', version: 0 });
    expect(store.byId(999)).toBeUndefined();
  });

  it('compare-and-set changes only from the expected status and version, once', () => {
    const { store } = setup();
    const d = store.createDraft('461', 1, {}, null);
    const a = store.compareAndSet(d.id, ['draft'], 0, { status: 'submitted', number: 'AULA-2026-000001', submittedAt: '2026-11-20T10:00:00.000Z' });
    expect(a).toMatchObject({ status: 'submitted', version: 1 });
    expect(store.compareAndSet(d.id, ['draft'], 0, { status: 'submitted' })).toBeUndefined();
    expect(store.compareAndSet(d.id, ['submitted'], 0, { status: 'approved' })).toBeUndefined();
    expect(store.compareAndSet(d.id, ['submitted'], 1, { status: 'approved', decidedBy: 1 })).toMatchObject({ status: 'approved', version: 2, decidedBy: 1 });
    expect(store.byNumber('aula-2026-000001')?.status).toBe('approved');
  });

  it('numbers never repeat and start again each year', () => {
    const { store } = setup();
    expect([store.nextNumber(2026), store.nextNumber(2026), store.nextNumber(2027)]).toEqual(['AULA-2026-000001', 'AULA-2026-000002', 'AULA-2027-000001']);
  });

  it('rolls a transaction back when it throws', () => {
    const { store } = setup();
    const d = store.createDraft('461', 1, {}, null);
    expect(() =>
      store.transaction(() => {
        store.compareAndSet(d.id, ['draft'], 0, { status: 'submitted' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.byId(d.id)?.status).toBe('draft');
  });

  it('lists newest first with filters, and open reports of a municipality since a date', () => {
    const { store, clock } = setup();
    const a = store.createDraft('461', 1, {}, null);
    const b = store.createDraft('461', 1, {}, null);
    const c = store.createDraft('101', 1, {}, null);
    store.compareAndSet(a.id, ['draft'], 0, { status: 'submitted', submittedAt: '2026-11-01T00:00:00.000Z' });
    store.compareAndSet(b.id, ['draft'], 0, { status: 'submitted', submittedAt: '2026-11-19T00:00:00.000Z' });
    store.compareAndSet(c.id, ['draft'], 0, { status: 'submitted', submittedAt: '2026-11-19T00:00:00.000Z' });
    expect(store.list({ municipalityCode: '461' }).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(store.list({ status: 'submitted', limit: 1 }).map((r) => r.id)).toEqual([c.id]);
    expect(store.openSince('461', new Date(clock.at.getTime() - 14 * 86_400_000).toISOString()).map((r) => r.id)).toEqual([b.id]);
    expect(store.countByStatus()).toEqual({ submitted: 3 });
  });

  it('keeps notes and anonymises closed reports and their notes', () => {
    const { store } = setup();
    const a = store.createDraft('461', 1, { title: 'Hemmelig', affectedNames: 'Mette Hansen' }, null);
    const noteId = store.addNote(a.id, 1, 'same_error', 'Samme fejl set af Ole', { institutionName: 'Søby Skole', affectedNames: 'Ida Jensen' });
    expect(store.notes(a.id).map((n) => [n.id, n.text, n.details])).toEqual([[noteId, 'Samme fejl set af Ole', { institutionName: 'Søby Skole', affectedNames: 'Ida Jensen' }]]);
    expect(a.uid).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(store.createDraft('461', 1, {}, null).uid).not.toBe(a.uid);
    store.compareAndSet(a.id, ['draft'], 0, { status: 'withdrawn', closedAt: '2026-01-01T00:00:00.000Z' });
    expect(store.anonymiseClosedBefore('2026-06-01T00:00:00.000Z', JSON.stringify({ title: '[anonymiseret]' }))).toBe(1);
    expect(store.anonymiseClosedBefore('2026-06-01T00:00:00.000Z', '{}')).toBe(0);
    expect(store.byId(a.id)?.fields).toEqual({ title: '[anonymiseret]' });
    expect(store.notes(a.id).map((n) => [n.text, n.details])).toEqual([['[anonymiseret]', undefined]]);
  });
});
