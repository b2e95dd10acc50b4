import { describe, expect, it } from 'vitest';
import { runCli, tempDbPath } from '../harness/run-cli.js';

describe('aula-support people/seats keep the municipality boundary (issue 10.2, 10.3)', () => {
  it('refuses to move people by add or seats assign, moves them with people move, and never moves an identity silently', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    const cli = (...args: string[]) => runCli(args, { env });
    expect((await cli('people', 'add', '--email', 'otto@odense.dk', '--name', 'Otto', '--municipality', 'Odense', '--role', 'staff')).code).toBe(0);
    expect((await cli('seats', 'assign', '--municipality', 'Odense', '--email', 'otto@odense.dk')).code).toBe(0);
    expect((await cli('people', 'add', '--email', 'ada@aeroe.dk', '--name', 'Ada', '--municipality', 'Ærø', '--role', 'admin')).code).toBe(0);

    const add = await cli('people', 'add', '--email', 'otto@odense.dk', '--name', 'Otto', '--municipality', 'Ærø', '--role', 'staff');
    expect(add.code).not.toBe(0);
    expect(add.stderr).toMatch(/registreret i Odense Kommune[\s\S]*people move/);
    const seat = await cli('seats', 'assign', '--municipality', 'Odense', '--email', 'ada@aeroe.dk');
    expect(seat.code).not.toBe(0);
    expect(seat.stderr).toMatch(/hører altid til personens egen kommune/);

    const move = await cli('people', 'move', '--email', 'otto@odense.dk', '--municipality', 'Ærø');
    expect(move.code).toBe(0);
    expect(move.stdout).toMatch(/flyttet til Ærø Kommune\. Pladser som supportberettiget i Odense Kommune er fjernet/);
    const seats = JSON.parse((await cli('seats', 'list', '--municipality', 'Odense', '--json')).stdout) as { holders: unknown[] }[];
    expect(seats[0]?.holders).toEqual([]);

    expect((await cli('people', 'link', '--email', 'ada@aeroe.dk', '--identity', 'slack:T1:UADA')).code).toBe(0);
    const steal = await cli('people', 'link', '--email', 'otto@odense.dk', '--identity', 'slack:T1:UADA');
    expect(steal.code).not.toBe(0);
    expect(steal.stderr).toMatch(/allerede koblet til Ada/);
    expect((await cli('people', 'unlink', '--identity', 'slack:T1:UADA')).code).toBe(0);
    expect((await cli('people', 'link', '--email', 'otto@odense.dk', '--identity', 'slack:T1:UADA')).code).toBe(0);
  });
});
