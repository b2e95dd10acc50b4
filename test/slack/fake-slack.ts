import { createServer, type Server } from 'node:http';

export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
}

/** A local fake of the Slack Web API (and of response_url): answers and records every call. */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly responses: Record<string, unknown>[] = [];
  readonly users = new Map<string, { email: string; name: string; team?: string }>();
  /** Answer a call differently (e.g. HTTP 429 with Retry-After); undefined answers as usual. The call is recorded either way. */
  override: ((method: string, params: Record<string, unknown>) => { status: number; headers?: Record<string, string>; body: unknown } | undefined) | undefined;
  private server: Server | undefined;
  private ts = 1700000000;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const params = parseBody(raw, String(req.headers['content-type'] ?? ''));
        const path = req.url ?? '';
        if (path.startsWith('/response/')) {
          this.responses.push(params);
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('{"ok":true}');
        }
        const method = path.replace(/^\/api\//, '').split('?')[0]!;
        this.calls.push({ method, params });
        const special = this.override?.(method, params);
        if (special) {
          res.writeHead(special.status, { 'content-type': 'application/json', ...special.headers });
          return res.end(JSON.stringify(special.body));
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(this.answer(method, params)));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    const a = this.server.address();
    this.url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  callsOf(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.params);
  }

  private answer(method: string, p: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'aula-support' };
      case 'users.info': {
        const u = this.users.get(String(p.user));
        return u ? { ok: true, user: { id: p.user, team_id: 'T1', real_name: u.name, profile: { email: u.email, real_name: u.name } } } : { ok: false, error: 'user_not_found' };
      }
      case 'users.lookupByEmail': {
        const hit = [...this.users].find(([, u]) => u.email === p.email);
        return hit ? { ok: true, user: { id: hit[0], team_id: hit[1].team ?? 'T1' } } : { ok: false, error: 'users_not_found' };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(p.users)}` } };
      case 'chat.postMessage':
        // Like Slack: a user id as channel lands in the direct message with that user.
        return { ok: true, channel: /^U/.test(String(p.channel)) ? `D${String(p.channel)}` : p.channel, ts: `${this.ts++}.000100` };
      default:
        return { ok: true };
    }
  }
}

function parseBody(raw: string, type: string): Record<string, unknown> {
  if (type.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}
