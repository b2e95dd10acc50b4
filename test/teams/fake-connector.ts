import { createServer, type Server } from 'node:http';

export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

/** A local fake Bot Connector at the activity's serviceUrl: records replies, proactive messages and updates. */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Roster answers for GET …/members/<user id>, by Teams user id. */
  readonly members = new Map<string, { email?: string; userPrincipalName?: string; name?: string }>();
  /** Answer a call differently (e.g. 429 with Retry-After, 403); undefined answers as usual. The call is recorded either way. */
  override: ((call: ConnectorCall) => { status: number; headers?: Record<string, string> } | undefined) | undefined;
  private server: Server | undefined;
  private n = 0;
  url = '';

  /** `host`: the address to listen on (default loopback); the URL uses it too. */
  async start(host = '127.0.0.1'): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const call = { method: req.method ?? '', path: decodeURIComponent(req.url ?? ''), body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
        this.calls.push(call);
        const special = this.override?.(call);
        if (special) {
          res.writeHead(special.status, { 'content-type': 'application/json', ...special.headers });
          return res.end(JSON.stringify({ error: { code: 'Throttled', message: 'fake' } }));
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        const member = req.method === 'GET' ? /\/members\/([^/?]+)/.exec(decodeURIComponent(req.url ?? ''))?.[1] : undefined;
        if (member !== undefined) return void res.end(JSON.stringify({ id: member, ...this.members.get(member) }));
        res.end(JSON.stringify({ id: `activity-${++this.n}` }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, host, () => r()));
    const a = this.server.address();
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${typeof a === 'object' && a ? a.port : 0}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  /** Adaptive Cards sent to a conversation. */
  cards(conversationId: string): Record<string, unknown>[] {
    return this.calls
      .filter((c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${conversationId}/activities`))
      .flatMap((c) => ((c.body.attachments as { content: Record<string, unknown> }[] | undefined) ?? []).map((a) => a.content));
  }
}
