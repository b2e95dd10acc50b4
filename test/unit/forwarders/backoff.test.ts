import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../src/outbox/forwarder.port.js';

const justBelowOne = () => 0.999_999_999;

describe('backoffMs', () => {
  it('stays within [0, base) on attempt 1 with the defaults (base 2 s)', () => {
    for (let i = 0; i < 500; i++) {
      const ms = backoffMs(1);
      expect(Number.isInteger(ms)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(2_000);
    }
    expect(backoffMs(1, { random: () => 0 })).toBe(0);
    expect(backoffMs(1, { random: justBelowOne })).toBe(1_999);
  });

  it('doubles the ceiling with each attempt', () => {
    const ceilings = [1, 2, 3, 4, 5].map((a) => backoffMs(a, { baseMs: 1_000, random: justBelowOne }) + 1);
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('caps at capMs (15 min by default), also for huge attempt counts', () => {
    expect(backoffMs(20, { random: justBelowOne })).toBe(15 * 60_000 - 1);
    expect(backoffMs(10_000, { random: justBelowOne })).toBe(15 * 60_000 - 1);
    expect(backoffMs(Number.MAX_SAFE_INTEGER, { baseMs: 0, random: justBelowOne })).toBe(0);
    expect(backoffMs(8, { baseMs: 100, capMs: 5_000, random: justBelowOne })).toBe(4_999);
  });

  it('applies full jitter: the injected random scales the ceiling linearly', () => {
    expect(backoffMs(3, { baseMs: 1_000, random: () => 0.5 })).toBe(2_000);
    expect(backoffMs(3, { baseMs: 1_000, random: () => 0.25 })).toBe(1_000);
    expect(backoffMs(3, { baseMs: 1_000, random: () => 0 })).toBe(0);
    // Spread out over many draws, not clustered at the ceiling.
    const draws = Array.from({ length: 2_000 }, () => backoffMs(4, { baseMs: 1_000 }));
    expect(Math.min(...draws)).toBeLessThan(1_000);
    expect(Math.max(...draws)).toBeGreaterThan(7_000);
  });

  it('treats attempt 0, negatives and NaN as attempt 1 and tolerates a bad random', () => {
    expect(backoffMs(0, { random: justBelowOne })).toBe(1_999);
    expect(backoffMs(-3, { random: justBelowOne })).toBe(1_999);
    expect(backoffMs(Number.NaN, { random: justBelowOne })).toBe(1_999);
    expect(backoffMs(2, { baseMs: 1_000, random: () => 1 })).toBe(1_999);
    expect(backoffMs(2, { baseMs: 1_000, random: () => Number.NaN })).toBe(0);
  });
});
