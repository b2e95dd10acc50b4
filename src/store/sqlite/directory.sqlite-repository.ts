import type { Person, Role, Seat } from '../../directory/directory.types.js';
import type { SqlDb as Db } from '../sql.js';

interface PersonRow {
  id: number;
  email: string;
  name: string;
  municipality_code: string;
  role: Role;
}

const toPerson = (r: PersonRow): Person => ({ id: r.id, email: r.email, name: r.name, municipalityCode: r.municipality_code, role: r.role });
const PERSON_COLS = 'p.id, p.email, p.name, p.municipality_code, p.role';

/** People, identities and seats in SQLite. Callers wrap multi-step changes in `db.transaction`. */
export class SqliteDirectory {
  constructor(readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  upsertPerson(p: { email: string; name: string; municipalityCode: string; role: Role }): { person: Person; created: boolean; before?: Person } {
    const before = this.personByEmail(p.email);
    const at = this.now().toISOString();
    const removed = before ? undefined : (this.db.prepare('SELECT id FROM people WHERE email = ? COLLATE NOCASE AND removed_at IS NOT NULL').get(p.email.trim()) as { id: number } | undefined);
    if (removed) {
      // Adding a removed person again brings the row back (its e-mail is unique), as a new registration.
      this.db.prepare('UPDATE people SET name = ?, municipality_code = ?, role = ?, updated_at = ?, removed_at = NULL WHERE id = ?').run(p.name, p.municipalityCode, p.role, at, removed.id);
      return { person: this.personById(removed.id)!, created: true };
    }
    if (before) {
      this.db.prepare('UPDATE people SET name = ?, municipality_code = ?, role = ?, updated_at = ? WHERE id = ?').run(p.name, p.municipalityCode, p.role, at, before.id);
      return { person: this.personById(before.id)!, created: false, before };
    }
    const r = this.db.prepare('INSERT INTO people (email, name, municipality_code, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id').get(p.email, p.name, p.municipalityCode, p.role, at, at) as { id: number };
    return { person: this.personById(r.id)!, created: true };
  }

  personByEmail(email: string): Person | undefined {
    const r = this.db.prepare(`SELECT ${PERSON_COLS} FROM people p WHERE p.email = ? COLLATE NOCASE AND p.removed_at IS NULL`).get(email.trim()) as PersonRow | undefined;
    return r && toPerson(r);
  }

  personById(id: number): Person | undefined {
    const r = this.db.prepare(`SELECT ${PERSON_COLS} FROM people p WHERE p.id = ?`).get(id) as PersonRow | undefined;
    return r && toPerson(r);
  }

  personByIdentity(identity: string): Person | undefined {
    const r = this.db.prepare(`SELECT ${PERSON_COLS} FROM identities i JOIN people p ON p.id = i.person_id WHERE i.identity = ? AND p.removed_at IS NULL`).get(identity) as PersonRow | undefined;
    return r && toPerson(r);
  }

  identitiesOf(personId: number): string[] {
    return (this.db.prepare('SELECT identity FROM identities WHERE person_id = ? ORDER BY linked_at').all(personId) as { identity: string }[]).map((r) => r.identity);
  }

  /** Link an identity that is not linked yet; an existing link is never moved (returns false). */
  link(identity: string, personId: number, source: 'email' | 'manual'): boolean {
    const r = this.db.prepare('INSERT INTO identities (identity, person_id, source, linked_at) VALUES (?, ?, ?, ?) ON CONFLICT (identity) DO NOTHING').run(identity, personId, source, this.now().toISOString());
    return r.changes === 1;
  }

  unlink(identity: string): boolean {
    return this.db.prepare('DELETE FROM identities WHERE identity = ?').run(identity).changes === 1;
  }

  peopleIn(code: string, role?: Role): Person[] {
    const rows = (role
      ? this.db.prepare(`SELECT ${PERSON_COLS} FROM people p WHERE p.municipality_code = ? AND p.role = ? AND p.removed_at IS NULL ORDER BY p.name`).all(code, role)
      : this.db.prepare(`SELECT ${PERSON_COLS} FROM people p WHERE p.municipality_code = ? AND p.removed_at IS NULL ORDER BY p.name`).all(code)) as PersonRow[];
    return rows.map(toPerson);
  }

  activeSeats(code?: string): Seat[] {
    const sql = `SELECT s.id AS seat_id, s.municipality_code AS seat_code, s.assigned_at, s.assigned_by, ${PERSON_COLS}
      FROM seats s JOIN people p ON p.id = s.person_id WHERE s.revoked_at IS NULL ${code ? 'AND s.municipality_code = ?' : ''} ORDER BY s.municipality_code, p.name`;
    const rows = (code ? this.db.prepare(sql).all(code) : this.db.prepare(sql).all()) as (PersonRow & { seat_id: number; seat_code: string; assigned_at: string; assigned_by: string })[];
    return rows.map((r) => ({ id: r.seat_id, municipalityCode: r.seat_code, person: toPerson(r), assignedAt: r.assigned_at, assignedBy: r.assigned_by }));
  }

  hasActiveSeat(personId: number, code: string): boolean {
    return this.db.prepare('SELECT 1 FROM seats WHERE person_id = ? AND municipality_code = ? AND revoked_at IS NULL').get(personId, code) !== undefined;
  }

  insertSeat(code: string, personId: number, by: string): number {
    const r = this.db.prepare('INSERT INTO seats (municipality_code, person_id, assigned_at, assigned_by) VALUES (?, ?, ?, ?) RETURNING id').get(code, personId, this.now().toISOString(), by) as { id: number };
    return r.id;
  }

  revokeSeat(code: string, personId: number, by: string): boolean {
    const r = this.db.prepare('UPDATE seats SET revoked_at = ?, revoked_by = ? WHERE municipality_code = ? AND person_id = ? AND revoked_at IS NULL').run(this.now().toISOString(), by, code, personId);
    return r.changes === 1;
  }

  /** Registered (not removed) people, optionally of one municipality, by municipality and name. */
  listPeople(code?: string): Person[] {
    const where = `p.removed_at IS NULL${code ? ' AND p.municipality_code = ?' : ''}`;
    const stmt = this.db.prepare(`SELECT ${PERSON_COLS} FROM people p WHERE ${where} ORDER BY p.municipality_code, p.name`);
    return ((code ? stmt.all(code) : stmt.all()) as PersonRow[]).map(toPerson);
  }

  /** Unlink every identity and mark the person removed; the row stays for old reports. Call inside a transaction. */
  markRemoved(personId: number): string[] {
    const identities = this.identitiesOf(personId);
    this.db.prepare('DELETE FROM identities WHERE person_id = ?').run(personId);
    this.db.prepare('UPDATE people SET removed_at = ?, updated_at = ? WHERE id = ?').run(this.now().toISOString(), this.now().toISOString(), personId);
    return identities;
  }
}
