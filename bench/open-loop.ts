import { Agent, request } from 'node:http';
import { summarize } from './stats.js';

export interface OpenLoopResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/**
 * Open-loop load: requests start at evenly spaced times whatever the server does (as independent
 * users do), over at most `connections` keep-alive connections. Latency counts from the scheduled
 * start, so time spent waiting for a free connection is included (no coordinated omission).
 * autocannon's rate option sends each connection's quota as a burst at the start of every second,
 * which measures bursts rather than a steady load.
 */
export async function openLoop(opts: { url: string; headers: Record<string, string>; body: string; rate: number; seconds: number; connections: number }): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const latencies: number[] = [];
  let errors = 0;
  let started = 0;
  let finished = 0;
  const t0 = performance.now();
  await new Promise<void>((done) => {
    const end = (ok: boolean, scheduled: number) => {
      if (ok) latencies.push(performance.now() - scheduled);
      else errors++;
      if (++finished === total) done();
    };
    const fire = (scheduled: number) => {
      const req = request(opts.url, { method: 'POST', agent, headers: { ...opts.headers, 'content-length': String(Buffer.byteLength(opts.body)) } }, (res) => {
        res.resume();
        res.on('end', () => end((res.statusCode ?? 500) < 300, scheduled));
      });
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => end(false, scheduled));
      req.end(opts.body);
    };
    const tick = () => {
      const now = performance.now();
      while (started < total && t0 + started * interval <= now) fire(t0 + started++ * interval);
      if (started < total) setTimeout(tick, 1);
    };
    tick();
  });
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const s = summarize(latencies);
  return { requestsPerSecond: latencies.length / seconds, p50: s.median, p99: s.p99, errors };
}
