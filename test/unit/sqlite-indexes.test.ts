import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/sqlite/database.js';

/** Queries that run on every message or notification pass must not scan tables that grow for years. */
describe('SQLite query plans', () => {
  const db = openDatabase(':memory:');
  const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');

  it('finds undelivered notifications through the partial index', () => {
    expect(plan('SELECT id FROM notifications WHERE delivered_at IS NULL ORDER BY id LIMIT ?', 100)).toMatch(/USING (COVERING )?INDEX notifications_undelivered/);
  });

  it('reads only due notifications through the due index, in due order', () => {
    const sql = `SELECT id FROM notifications WHERE status = 'pending' AND next_attempt_at <= ? AND instr(missed_by, ?) = 0 ORDER BY next_attempt_at, id LIMIT ?`;
    const p = plan(sql, '2026-01-01', ',slack,', 200);
    expect(p).toMatch(/USING INDEX notifications_due/);
    expect(p).not.toMatch(/TEMP B-TREE/);
  });

  it("finds a reporter's open draft through the reporter and status index", () => {
    expect(plan("SELECT * FROM reports WHERE status = ? AND reporter_id = ? ORDER BY id DESC LIMIT ?", 'draft', 1, 1)).toMatch(/USING INDEX reports_reporter_status/);
  });

  it('prepares each statement once and reuses it', () => {
    expect(db.prepare('SELECT 1')).toBe(db.prepare('SELECT 1'));
  });
});
