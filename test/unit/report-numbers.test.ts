import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/sqlite/database.js';
import { SqliteReports } from '../../src/store/sqlite/report.sqlite-repository.js';

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'aula-numbers-'));
  const db = openDatabase(join(dir, 'a.db'));
  const file = join(dir, 'a.db.numbers');
  return { db, file, reports: new SqliteReports(db, () => new Date(), file) };
}

describe('report numbers never go back', () => {
  it('are kept in the high-water file next to the database, written before the transaction commits', () => {
    const { db, file, reports } = store();
    expect(reports.transaction(() => reports.nextNumber(2026))).toBe('AULA-2026-000001');
    expect(reports.transaction(() => reports.nextNumber(2027))).toBe('AULA-2027-000001');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ 2026: 1, 2027: 1 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A number drawn in a transaction that rolls back is still burnt: a gap, never a repeat.
    expect(() => reports.transaction(() => {
      reports.nextNumber(2026);
      throw new Error('crash before commit');
    })).toThrow();
    expect(reports.transaction(() => reports.nextNumber(2026))).toBe('AULA-2026-000003');
    db.close();
  });

  it('continue above the high-water file when the database counter is behind (a restored backup), and above the database when the file is behind or unreadable', () => {
    const { db, file, reports } = store();
    writeFileSync(file, JSON.stringify({ 2026: 41 }));
    expect(reports.transaction(() => reports.nextNumber(2026))).toBe('AULA-2026-000042');
    writeFileSync(file, JSON.stringify({ 2026: 3 }));
    expect(reports.transaction(() => reports.nextNumber(2026))).toBe('AULA-2026-000043');
    writeFileSync(file, '{"2026": 9');
    expect(reports.transaction(() => reports.nextNumber(2026))).toBe('AULA-2026-000044');
    reports.raiseHighWater({ 2026: 100, x: 5 });
    expect(reports.transaction(() => reports.nextNumber(2026))).toBe('AULA-2026-000101');
    db.close();
  });
});
