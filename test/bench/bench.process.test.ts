import { describe, expect, it } from 'vitest';
import { combine, splitLoad } from '../../bench/bench.process.js';

describe('replica benchmark load split', () => {
  it('splits connections evenly, the remainder to the first generators, and the rate in equal thirds', () => {
    expect(splitLoad({ connections: 50 }, 3)).toEqual([{ connections: 17 }, { connections: 17 }, { connections: 16 }]);
    expect(splitLoad({ connections: 200, rate: 300 }, 3)).toEqual([
      { connections: 67, rate: 100 },
      { connections: 67, rate: 100 },
      { connections: 66, rate: 100 },
    ]);
    expect(splitLoad({ connections: 200 }, 1)).toEqual([{ connections: 200 }]);
  });

  it('sums throughput and errors and keeps the worst latencies of generators run together', () => {
    const r = combine([
      { requestsPerSecond: 100, p50: 5, p99: 40, errors: 1 },
      { requestsPerSecond: 120, p50: 9, p99: 30, errors: 0 },
      { requestsPerSecond: 80, p50: 7, p99: 90, errors: 2 },
    ]);
    expect(r).toEqual({ requestsPerSecond: 300, p50: 9, p99: 90, errors: 3 });
  });
});
