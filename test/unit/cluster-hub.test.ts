import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClusterHub, type HubMessage } from '../../adapters/http/cluster.js';
import type { LatencySnapshot } from '../../src/metrics/metrics.js';

const snap = (count: number): LatencySnapshot => [['/slack/events|200', { counts: [count, count, count, count, count, count, count, count, count, count], sum: count / 100, count }]];

function hub(alive = [0, 1, 2]) {
  const sent: [number, HubMessage][] = [];
  const h = new ClusterHub((i, m) => sent.push([i, m]), () => alive, 1000);
  return { h, sent, alive };
}

afterEach(() => vi.useRealTimers());

describe('the cluster primary routes messages between workers', () => {
  it('sends a kick from any worker to the leader only', () => {
    const { h, sent } = hub();
    h.onMessage(2, { aula: 'kick' });
    expect(sent).toEqual([[0, { aula: 'kick' }]]);
  });

  it('drops a kick while the leader is down (its own pass catches up when it is back)', () => {
    const { h, sent } = hub([1, 2]);
    h.onMessage(2, { aula: 'kick' });
    expect(sent).toEqual([]);
  });

  it('collects every live worker’s latency for the worker that serves /metrics', () => {
    const { h, sent } = hub();
    h.onMessage(1, { aula: 'metrics?', id: 7 });
    const asks = sent.filter(([, m]) => m.aula === 'snapshot?');
    expect(asks.map(([i]) => i)).toEqual([0, 1, 2]);
    const id = (asks[0]![1] as { id: number }).id;
    h.onMessage(0, { aula: 'snapshot', id, snapshot: snap(1) });
    h.onMessage(0, { aula: 'snapshot', id, snapshot: snap(1) }); // a duplicate answer counts once
    h.onMessage(2, { aula: 'snapshot', id, snapshot: snap(3) });
    expect(sent.some(([, m]) => m.aula === 'metrics')).toBe(false);
    h.onMessage(1, { aula: 'snapshot', id, snapshot: snap(2) });
    const answer = sent.find(([, m]) => m.aula === 'metrics')!;
    expect(answer[0]).toBe(1);
    expect(answer[1]).toMatchObject({ aula: 'metrics', id: 7 });
    expect((answer[1] as { snapshots: LatencySnapshot[] }).snapshots.map((s) => s[0]![1].count).sort()).toEqual([1, 2, 3]);
  });

  it('answers with what it has when a worker dies or does not answer in time', () => {
    vi.useFakeTimers();
    const { h, sent } = hub();
    h.onMessage(0, { aula: 'metrics?', id: 1 });
    const id = (sent[0]![1] as { id: number }).id;
    h.onMessage(0, { aula: 'snapshot', id, snapshot: snap(5) });
    h.gone(2);
    expect(sent.some(([, m]) => m.aula === 'metrics')).toBe(false);
    vi.advanceTimersByTime(1000);
    const answer = sent.find(([, m]) => m.aula === 'metrics')!;
    expect((answer[1] as { snapshots: LatencySnapshot[] }).snapshots).toHaveLength(1);
  });

  it('ignores anything that is not one of its messages', () => {
    const { h, sent } = hub();
    for (const m of [null, 'kick', { type: 'kick' }, { aula: 'snapshot', id: 99, snapshot: [] }]) h.onMessage(0, m);
    expect(sent).toEqual([]);
  });
});
