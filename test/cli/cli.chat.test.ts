import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanInput } from '../../adapters/console/console.render.js';
import { runCli, tempDbPath } from '../harness/run-cli.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

/** Run the chat in a pseudo-terminal (util-linux `script`); `keys` are typed once the greeting shows. */
function chatInPty(env: Record<string, string>, keys: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, reject) => {
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(resolve('bin/aula-support.js'))} chat`;
    const child = spawn('script', ['-qec', cmd, '/dev/null'], { env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let typed = false;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (!typed && output.includes('farvel" for at afslutte')) {
        typed = true;
        child.stdin.write(keys);
      }
    });
    // Safety net, not an assertion: a chat that never saw "farvel" is stopped so the test fails on its output.
    const stop = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(stop);
      done({ code, output });
    });
  });
}

describe('terminal chat (issue 14.6)', () => {
  it.skipIf(!hasScript)('edits the line in a real terminal: Home, Right, Delete turn "fxarvel" into "farvel"', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    const r = await chatInPty(env, 'fxarvel\u001b[H\u001b[C\u001b[3~\r');
    expect(r.output).toContain('Farvel.');
    expect(r.code).toBe(0);
    // Nothing was asked: the edited line was "farvel", not an escape-laden question.
    expect(JSON.parse((await runCli(['questions', 'unanswered', '--json'], { env })).stdout)).toEqual([]);
  }, 40_000);

  it('never stores escape codes typed into a non-terminal input', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    await runCli(['chat'], { env, input: 'hvordan skifter jeg \u001b[Dtoner i kopimaskinen\u001b[A\u001b[C?\nfarvel\n' });
    const rows = JSON.parse((await runCli(['questions', 'unanswered', '--json'], { env })).stdout) as { question: string }[];
    expect(rows.map((q) => q.question)).toEqual(["hvordan skifter jeg toner i kopimaskinen?"]);
  });

  it('"hjælp" mentions the number buttons and "farvel"', async () => {
    const r = await runCli(['chat'], { input: 'hjælp\nfarvel\n' });
    expect(r.stdout).toMatch(/skriv tallet ud for et valg, fx 1 for \[1\].*Skriv farvel for at afslutte/);
  });

  it('cleanInput drops ANSI sequences and control characters', () => {
    expect(cleanInput('  hej\u001b[D\u001b[1;5C\u001bOA\u0007 med\u001b[200~ dig\u001b[201~ ')).toBe('hej med dig');
    expect(cleanInput('æøå\tok')).toBe('æøå\tok');
  });
});
