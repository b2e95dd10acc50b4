import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../bench/pg.server.js';

export { freePort };

export interface Replica {
  child: ChildProcess;
  port: number;
  /** Everything the process printed (pino JSON lines and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** One real server process (`npm start`'s dist/adapters/http/main.js) with `env`, on a free port. */
export async function startReplica(env: Record<string, string>): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/adapters/http/main.js'], {
    env: { PATH: process.env.PATH ?? '', KNOWLEDGE_DIR: 'knowledge', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return {
    child,
    port,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** GET /healthz; undefined while nothing listens. */
export async function health(port: number): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  } catch {
    return undefined;
  }
}
