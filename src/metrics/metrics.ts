import type { SqlDb as Db } from '../store/sql.js';

/** Request latency buckets in seconds (Prometheus histogram). */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/** One process's request-latency histograms, as plain data (sent between cluster workers). */
export type LatencySnapshot = [key: string, histogram: Histogram][];

/**
 * Prometheus text exposition for `GET /metrics`: counts come from SQLite (so they survive restarts
 * and agree across processes); request latency is measured in this process.
 */
export class Metrics {
  private readonly latency = new Map<string, Histogram>();

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  observe(route: string, status: number, seconds: number): void {
    const key = `${route}|${status}`;
    let h = this.latency.get(key);
    if (!h) this.latency.set(key, (h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h!.counts[i]!++;
    });
    h.sum += seconds;
    h.count++;
  }

  snapshot(): LatencySnapshot {
    return [...this.latency].map(([k, h]) => [k, { counts: [...h.counts], sum: h.sum, count: h.count }]);
  }

  /** The exposition; `processes` replaces this process's latency with the sum over several (cluster workers). */
  render(processes?: readonly LatencySnapshot[]): string {
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, samples: [string, number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, v] of samples) lines.push(`${name}${labels} ${Number.isFinite(v) ? v : 0}`);
    };
    const questions = this.db.prepare('SELECT outcome, COUNT(*) AS n FROM questions GROUP BY outcome').all() as { outcome: string; n: number }[];
    metric('aula_questions_total', 'counter', 'Questions asked, by outcome (answered, suggested, unanswered).', ['answered', 'suggested', 'unanswered'].map((o) => [`{outcome="${o}"}`, questions.find((q) => q.outcome === o)?.n ?? 0]));
    const reports = this.db.prepare('SELECT status, COUNT(*) AS n FROM reports GROUP BY status').all() as { status: string; n: number }[];
    metric('aula_reports', 'gauge', 'Reports by status.', reports.map((r) => [`{status="${r.status}"}`, r.n]));
    const o = this.db
      .prepare("SELECT SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending, SUM(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END) AS delivered, SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END) AS dead, SUM(attempts) AS attempts, MIN(CASE WHEN status = 'pending' THEN created_at END) AS oldest FROM outbox")
      .get() as { pending: number | null; delivered: number | null; dead: number | null; attempts: number | null; oldest: string | null };
    metric('aula_outbox_depth', 'gauge', 'Reports waiting to be forwarded.', [['', o.pending ?? 0]]);
    metric('aula_outbox_oldest_age_seconds', 'gauge', 'Age of the oldest report waiting to be forwarded.', [['', o.oldest ? Math.max(0, (this.now().getTime() - Date.parse(o.oldest)) / 1000) : 0]]);
    metric('aula_deliveries_total', 'counter', 'Reports delivered to the service desk.', [['', o.delivered ?? 0]]);
    metric('aula_delivery_dead_letters_total', 'counter', 'Reports given up on (dead letters).', [['', o.dead ?? 0]]);
    metric('aula_delivery_failures_total', 'counter', 'Failed delivery attempts (attempts beyond the successful one).', [['', Math.max(0, (o.attempts ?? 0) - (o.delivered ?? 0))]]);
    const n = this.db.prepare("SELECT SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending, SUM(CASE WHEN status = 'undeliverable' THEN 1 ELSE 0 END) AS undeliverable FROM notifications WHERE status IN ('pending', 'undeliverable')").get() as { pending: number | null; undeliverable: number | null };
    metric('aula_notifications', 'gauge', 'Chat notifications not delivered: pending (being retried) or undeliverable (given up, not sent by e-mail either).', [
      ['{state="pending"}', n.pending ?? 0],
      ['{state="undeliverable"}', n.undeliverable ?? 0],
    ]);
    lines.push('# HELP aula_http_request_duration_seconds HTTP request latency by route and status.', '# TYPE aula_http_request_duration_seconds histogram');
    for (const [key, h] of processes ? mergeLatency(processes) : this.latency) {
      const [route, status] = key.split('|');
      const l = `route="${route}",status="${status}"`;
      BUCKETS.forEach((b, i) => lines.push(`aula_http_request_duration_seconds_bucket{${l},le="${b}"} ${h.counts[i]}`));
      lines.push(`aula_http_request_duration_seconds_bucket{${l},le="+Inf"} ${h.count}`, `aula_http_request_duration_seconds_sum{${l}} ${h.sum}`, `aula_http_request_duration_seconds_count{${l}} ${h.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function mergeLatency(processes: readonly LatencySnapshot[]): Map<string, Histogram> {
  const out = new Map<string, Histogram>();
  for (const [key, h] of processes.flat()) {
    const m = out.get(key) ?? { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
    h.counts.forEach((c, i) => (m.counts[i] = (m.counts[i] ?? 0) + c));
    m.sum += h.sum;
    m.count += h.count;
    out.set(key, m);
  }
  return out;
}
