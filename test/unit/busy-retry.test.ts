import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BusyRetryQueue } from '../../src/util/busy-retry.js';
import { until } from '../harness/until.js';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

describe('BusyRetryQueue', () => {
  it('retries locked work in order once the lock is gone, and queues new work without trying while some waits', async () => {
    const q = new BusyRetryQueue(pino({ level: 'silent' }), 10, [5, 5, 10]);
    let locked = true;
    const done: string[] = [];
    let tries = 0;
    const work = (name: string) => () => {
      tries++;
      if (locked) throw busy();
      done.push(name);
    };
    await q.run('a', work('a'));
    expect(q.size).toBe(1);
    const triesBefore = tries;
    await q.run('b', work('b'));
    expect(tries).toBe(triesBefore); // not tried: it would only block
    expect(q.waiting).toBe(true);
    locked = false;
    await until(() => q.size === 0, 5000, 'the queue to drain');
    expect(done).toEqual(['a', 'b']);
  });

  it('is bounded, lets other errors through and runs work at once when nothing waits', async () => {
    const q = new BusyRetryQueue(pino({ level: 'silent' }), 2, [60_000]);
    for (let i = 0; i < 5; i++) await q.run(`w${i}`, () => { throw busy(); });
    expect(q.size).toBe(2);
    q.stop();
    const fresh = new BusyRetryQueue(pino({ level: 'silent' }));
    await expect(fresh.run('x', () => { throw new Error('other'); })).rejects.toThrow('other');
    let ran = false;
    await fresh.run('y', () => (ran = true));
    expect(ran).toBe(true);
    expect(fresh.size).toBe(0);
  });
});
