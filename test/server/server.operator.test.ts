import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../harness/run-cli.js';
import { until } from '../harness/until.js';

const ENV = { PATH: process.env.PATH ?? '', HOST: '127.0.0.1' };

/** Start a server process; resolves with its port once it logs that it listens. */
function start(cmd: string, args: string[], env: Record<string, string>): { child: ChildProcess; port: Promise<number>; output: () => string; exited: Promise<number | null> } {
  const child = spawn(cmd, args, { env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = new Promise<number>((resolve, reject) => {
    child.on('exit', () => reject(new Error(`server exited: ${output}`)));
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /"port":(\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
  port.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => output, exited };
}

let server: ReturnType<typeof start>;
let base = '';

beforeAll(async () => {
  server = start(process.execPath, ['dist/adapters/http/main.js'], { PORT: '0', DATABASE_PATH: tempDbPath() });
  base = `http://127.0.0.1:${await server.port}`;
});

afterAll(() => {
  server?.child.kill('SIGTERM');
});

describe('server hygiene (issue 14.2 and 14.5)', () => {
  it('GET / is a small Danish page with the version and links', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(html).toContain('<html lang="da">');
    expect(html).toContain(`version ${version}`);
    for (const link of ['/healthz', '/metrics', '/privatliv', '/vilkaar']) expect(html).toContain(`href="${link}"`);
    for (const link of ['/privatliv', '/vilkaar']) expect((await fetch(`${base}${link}`)).status).toBe(200);
  });

  it('a second server on a busy port says so in Danish with the PORT hint, no stack', async () => {
    const second = start(process.execPath, ['dist/adapters/http/main.js'], { PORT: String(new URL(base).port), DATABASE_PATH: tempDbPath() });
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toMatch(/Port \d+ på 127\.0\.0\.1 er optaget: kører serveren allerede\? .*PORT=\d+ npm start/);
    expect(second.output()).not.toMatch(/\n\s+at |EADDRINUSE/);
  });

  it('PORT=abc is refused in Danish', async () => {
    const bad = start(process.execPath, ['dist/adapters/http/main.js'], { PORT: 'abc', DATABASE_PATH: tempDbPath() });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toBe('PORT="abc" er ikke et portnummer. Sæt PORT til et helt tal mellem 0 og 65535, fx PORT=3978 npm start.\n');
  });

  it('killing `npm start` stops the node server too', async () => {
    const npm = start('npm', ['start', '--silent'], { PORT: '0', DATABASE_PATH: tempDbPath(), HOME: process.env.HOME ?? '/tmp' });
    const url = `http://127.0.0.1:${await npm.port}/healthz`;
    expect((await fetch(url)).status).toBe(200);
    npm.child.kill('SIGTERM');
    await npm.exited;
    // Poll until the port refuses connections; a server left running fails the test by timing out.
    let down = false;
    const poll = async () => {
      while (!down) {
        down = await fetch(url).then(() => false, () => true);
        if (!down) await new Promise((r) => setTimeout(r, 100));
      }
    };
    const polling = poll();
    await until(() => down, 15_000, () => `the server to stop after npm was killed (still answering ${url})`).finally(() => {
      down = true;
    });
    await polling;
  }, 30_000);
});
