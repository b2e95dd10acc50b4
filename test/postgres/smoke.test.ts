import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgres } from '../../src/store/postgres/pg.open.js';
import { startTestPostgres, type TestPostgres } from '../harness/postgres.js';

let server: TestPostgres;
beforeAll(async () => { server = await startTestPostgres(); }, 60_000);
afterAll(async () => { await server?.stop(); });

it('smoke', async () => {
  const url = await server.createDatabase();
  const db = openPostgres(url);
  expect(db.prepare('SELECT COUNT(*) AS n FROM people WHERE email = ? COLLATE NOCASE').get('A@b.dk')).toEqual({ n: 0 });
  const r = db.prepare("INSERT INTO people (email, name, municipality_code, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id").get('a@b.dk', 'A', '461', 'staff', 'x', 'x');
  expect(r).toEqual({ id: 1 });
  expect(db.prepare('SELECT COUNT(*) AS n FROM people WHERE email = ? COLLATE NOCASE').get('A@B.dk')).toEqual({ n: 1 });
  expect(() => db.transaction(() => { db.prepare("INSERT INTO installation (key, value) VALUES ('x', 'y')").run(); throw new Error('boom'); })()).toThrow('boom');
  expect(db.prepare("SELECT * FROM installation WHERE key = 'x'").get()).toBeUndefined();
  db.close();
});
