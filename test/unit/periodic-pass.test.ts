import { describe, expect, it } from 'vitest';
import { PeriodicPass } from '../../src/util/periodic-pass.js';

describe('PeriodicPass (notification delivery loop)', () => {
  it('never runs two passes at once, and calls during a pass get exactly one more pass after it', async () => {
    let active = 0;
    let most = 0;
    const seen: number[] = [];
    let items = 0;
    const loop = new PeriodicPass(async () => {
      active++;
      most = Math.max(most, active);
      const snapshot = items; // what this pass "queries"
      await new Promise((r) => setTimeout(r, 20));
      seen.push(snapshot);
      active--;
    }, () => undefined);
    const first = loop.run();
    items = 1; // something to deliver appears while the first pass runs
    const second = loop.run();
    const third = loop.run();
    await Promise.all([first, second, third]);
    expect(most).toBe(1);
    expect(seen).toEqual([0, 1]); // the item is picked up by the extra pass, and only one extra pass ran
  });

  it('keeps going after a failing pass and reports the error', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const loop = new PeriodicPass(async () => {
      if (n++ === 0) throw new Error('boom');
    }, (e) => errors.push(e));
    await loop.run();
    await loop.run();
    expect(errors).toHaveLength(1);
    expect(n).toBe(2);
  });
});
