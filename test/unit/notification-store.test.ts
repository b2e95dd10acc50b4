import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { reply, text } from '../../src/bot/bot.types.js';
import { NotificationFallback } from '../../src/notify/notification.fallback.js';
import { MailError } from '../../src/notify/smtp.mailer.js';
import { openDatabase, type Db } from '../../src/store/sqlite/database.js';
import { SqliteNotifications } from '../../src/store/sqlite/notification.sqlite-repository.js';

let db: Db | undefined;
afterEach(() => db?.close());

function store(start: string) {
  db = openDatabase(':memory:');
  const clock = { now: new Date(start) };
  db.prepare("INSERT INTO people (id, email, name, municipality_code, role, created_at, updated_at) VALUES (1, 'ole@odense.dk', 'Ole', '461', 'staff', '', '')").run();
  const s = new SqliteNotifications(db, () => clock.now);
  return { s, clock };
}

describe('notification retry rounds', () => {
  it('a miss on one platform leaves the notification due for the other; only when both missed does it back off', () => {
    const { s, clock } = store('2026-03-02T08:00:00Z');
    s.registerPlatform('slack');
    s.registerPlatform('teams');
    s.add(1, 'forwarded', null, reply(text('hej')));
    const [n] = s.due('slack');
    expect(s.missed(n!.id, 'slack', 'slack: ingen Slack-bruger med personens e-mail')).toBe('pending');
    expect(s.due('slack')).toHaveLength(0);
    expect(s.due('teams')).toHaveLength(1);
    expect(s.list()[0]).toMatchObject({ attempts: 0 });
    s.missed(n!.id, 'teams', 'teams: har ikke skrevet til botten');
    expect(s.list()[0]).toMatchObject({ attempts: 1, nextAttemptAt: '2026-03-02T08:01:00.000Z', lastError: 'slack: ingen Slack-bruger med personens e-mail; teams: har ikke skrevet til botten' });
    expect(s.due('slack')).toHaveLength(0);
    clock.now = new Date('2026-03-02T08:01:00Z');
    expect(s.due('slack')).toHaveLength(1);
    expect(s.due('teams')).toHaveLength(1);
  });

  it('a failed e-mail is retried later, at most three times, and never shows the address in the reason', async () => {
    const { s, clock } = store('2026-03-02T08:00:00Z');
    s.registerPlatform('teams');
    s.add(1, 'forwarded', null, reply(text('hej')));
    clock.now = new Date('2026-03-04T09:00:00Z');
    expect(s.missed(s.due('teams')[0]!.id, 'teams', 'teams: har ikke skrevet til botten')).toBe('undeliverable');
    let calls = 0;
    const failing = {
      send: async () => {
        calls++;
        throw new MailError('SMTP 451 (EENVELOPE)');
      },
    };
    const fallback = new NotificationFallback(s, failing, pino({ level: 'silent' }));
    for (let i = 0; i < 6; i++) {
      await fallback.run();
      clock.now = new Date(clock.now.getTime() + 24 * 3600_000);
    }
    expect(calls).toBe(3);
    expect(s.list()[0]).toMatchObject({ status: 'undeliverable', lastError: 'e-mail: SMTP 451 (EENVELOPE)', nextAttemptAt: null });
    expect(s.counts()).toEqual({ pending: 0, undeliverable: 1 });
  });
});
