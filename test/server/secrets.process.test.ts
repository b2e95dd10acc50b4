import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli, tempDbPath } from '../harness/run-cli.js';
import { until } from '../harness/until.js';

/** Start `npm start`'s entry with `env`; resolves when it exits (or is killed) with everything it printed. */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['dist/adapters/http/main.js'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: tempDbPath(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '', code: undefined as number | null | undefined };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<void>((r) => child.on('close', (code) => ((out.code = code), r())));
  return { child, out, exited };
}

const SECRETS = {
  FORWARD_WEBHOOK_SECRET: 'tooShortS3cret', // under 16 characters
  SLACK_SIGNING_SECRET: 'signing-secret-value-4711',
  SLACK_BOT_TOKEN: 'xoxp-123456-user-token-value', // a user token where a bot token belongs
  SLACK_APP_TOKEN: 'xoxb-app-token-in-wrong-place',
};

describe('configuration errors never print secret values', () => {
  it('the server names each bad secret variable and what to set, without its value', async () => {
    const s = startServer({ ...SECRETS, FORWARDER: 'webhook', FORWARD_WEBHOOK_URL: 'https://desk.example/aula' });
    await s.exited;
    const printed = s.out.stdout + s.out.stderr;
    expect(s.out.code).toBe(2);
    expect(printed).toMatch(/FORWARD_WEBHOOK_SECRET \(value not shown\).*at least 16 characters/);
    expect(printed).toMatch(/SLACK_BOT_TOKEN \(value not shown\).*xoxb-/);
    expect(printed).toMatch(/SLACK_APP_TOKEN \(value not shown\)/);
    for (const v of Object.values(SECRETS)) expect(printed).not.toContain(v);
  });

  it('the CLI does the same', async () => {
    const r = await runCli(['reports', 'list'], { env: { SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET, FORWARD_WEBHOOK_SECRET: SECRETS.FORWARD_WEBHOOK_SECRET } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SLACK_BOT_TOKEN \(value not shown\)/);
    for (const v of Object.values(SECRETS)) expect(r.stdout + r.stderr).not.toContain(v);
  });
});

describe('Teams with credentials, over the real process', () => {
  it('a forged bearer token gets 401 with a small JSON body; everything the process prints is JSON lines', async () => {
    const s = startServer({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-0000000000aa', MICROSOFT_APP_PASSWORD: 'app-password-value-4711', TEAMS_ALLOWED_TENANTS: 'tenant-a' });
    try {
      await until(() => /"port":(\d+)/.test(s.out.stdout), 15_000, `server start: ${s.out.stderr}`);
      const port = /"port":(\d+)/.exec(s.out.stdout)![1];
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const forged = `${b64({ alg: 'RS256', kid: 'k' })}.${b64({ iss: 'https://api.botframework.com', aud: '00000000-0000-0000-0000-0000000000aa' })}.c2ln`;
      const activity = { type: 'message', id: '1', serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams', from: { id: '29:x' }, conversation: { id: 'a:x', tenantId: 'tenant-a' }, recipient: { id: '28:bot' }, text: 'hej' };
      for (const auth of ['Bearer bogus', `Bearer ${forged}`]) {
        const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify(activity) });
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ error: 'unauthorized' });
      }
      await until(() => (s.out.stdout.match(/authentication failed/g) ?? []).length === 2, 5000, 'two refusal log lines');
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    const lines = (s.out.stdout + s.out.stderr).split('\n').filter(Boolean);
    for (const l of lines) expect(() => JSON.parse(l), l).not.toThrow();
    expect(s.out.stdout + s.out.stderr).not.toContain('app-password-value-4711');
  });
});
