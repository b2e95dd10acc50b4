#!/usr/bin/env node
// npm run playground: the bot in Teams local mode on 127.0.0.1:3978 with a demo database, and
// Microsoft 365 Agents Playground (devDependency @microsoft/m365agentsplayground) pointed at it,
// offline (--disable-telemetry). The people of .m365agentsplayground.yml are registered and their
// Teams ids linked, so a newcomer can file and approve a report in the browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TENANT = '00000000-0000-0000-0000-0000000000a1';
const PORT = process.env.PLAYGROUND_BOT_PORT ?? '3978';
const db = process.env.DATABASE_PATH ?? join(root, 'data', 'playground.db');
const env = { ...process.env, DATABASE_PATH: db, FORWARD_DIR: process.env.FORWARD_DIR ?? join(root, 'data', 'playground-outbox'), PORT, HOST: '127.0.0.1' };
// Local mode: no Bot Framework credentials, loopback only (what the Playground needs).
for (const k of ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID', 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN']) delete env[k];

/** Who is who in the walkthrough; ids as in .m365agentsplayground.yml. */
const PEOPLE = [
  { id: '00000000-0000-0000-0000-000000000001', email: 'sara@aeroe.dk', name: 'Sara Superbruger', role: 'superuser' },
  { id: '00000000-0000-0000-0000-000000000002', email: 'hans@aeroe.dk', name: 'Hans Holder', role: 'staff', seat: true },
  { id: '00000000-0000-0000-0000-000000000003', email: 'mads@aeroe.dk', name: 'Mads Medarbejder', role: 'staff' },
  { id: '00000000-0000-0000-0000-000000000004', email: 'anne@aeroe.dk', name: 'Anne Admin', role: 'admin' },
  { id: '00000000-0000-0000-0000-000000000005', email: 'hanne@aeroe.dk', name: 'Hanne Holder', role: 'staff', seat: true },
  // Another municipality's seat holder: sees nothing of Ærø's reports.
  { id: '00000000-0000-0000-0000-000000000006', email: 'ole@odense.dk', name: 'Ole Odense', role: 'staff', seat: true, municipality: '461' },
];

const cli = (...args) => spawnSync(process.execPath, [join(root, 'bin', 'aula-support.js'), ...args], { env, encoding: 'utf8' });

if (!existsSync(join(root, 'dist', 'adapters', 'http', 'main.js'))) {
  console.error('Byg først: npm run build');
  process.exit(1);
}
mkdirSync(dirname(db), { recursive: true });
for (const p of PEOPLE) {
  // Repeated runs find the people already there; that is fine.
  cli('people', 'add', '--email', p.email, '--name', p.name, '--municipality', p.municipality ?? '492', '--role', p.role);
  if (p.seat) cli('seats', 'assign', '--municipality', p.municipality ?? '492', '--email', p.email);
  cli('people', 'link', '--email', p.email, '--identity', `teams:${TENANT}:${p.id}`);
}
console.log(`Demo-personer i Ærø (492) er registreret i ${db}.`);

const server = spawn(process.execPath, [join(root, 'dist', 'adapters', 'http', 'main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const endpoint = `http://127.0.0.1:${PORT}/api/messages`;
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 100));
}
const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'agentsplayground.cmd' : 'agentsplayground');
if (!existsSync(bin)) {
  console.error('Agents Playground er ikke installeret (devDependency @microsoft/m365agentsplayground). Kør npm install.');
  server.kill('SIGTERM');
  process.exit(1);
}
// The Playground opens its page with xdg-open and crashes where there is none (a server, a container):
// then a stand-in prints the address instead.
const hasXdgOpen = (env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, 'xdg-open')));
if (!hasXdgOpen && process.platform === 'linux') {
  const shim = mkdtempSync(join(tmpdir(), 'aula-playground-'));
  writeFileSync(join(shim, 'xdg-open'), '#!/bin/sh\necho "Åbn $1 i din browser."\n', { mode: 0o755 });
  env.PATH = `${shim}${delimiter}${env.PATH ?? ''}`;
}
const playground = spawn(bin, ['-e', endpoint, '-c', 'msteams', '--disable-telemetry'], { cwd: root, env, stdio: 'inherit' });
const stop = () => {
  playground.kill('SIGTERM');
  server.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
playground.on('exit', () => server.kill('SIGTERM'));
server.on('exit', (code) => {
  playground.kill('SIGTERM');
  process.exit(code ?? 0);
});
