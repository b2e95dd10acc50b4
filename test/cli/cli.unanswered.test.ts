import { describe, expect, it } from 'vitest';
import { runCli, tempDbPath } from '../harness/run-cli.js';

describe('aula-support questions unanswered', () => {
  it('groups questions asked in other words with a count, most asked first', async () => {
    const db = tempDbPath();
    for (const q of ['Hvordan laver jeg en pivottabel i Excel?', 'hvordan laver man pivottabeller i excel', 'Hvornår bliver lønnen udbetalt?', 'hvordan laver jeg en pivottabel i excel']) {
      await runCli(['ask', q], { env: { DATABASE_PATH: db } });
    }
    const r = await runCli(['questions', 'unanswered'], { env: { DATABASE_PATH: db } });
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\s*3 ×.*hvordan laver jeg en pivottabel i excel$/);
    expect(lines[1]).toMatch(/^\s*1 ×.*udbetalt\?$/);
    const json = JSON.parse((await runCli(['questions', 'unanswered', '--json'], { env: { DATABASE_PATH: db } })).stdout) as { count: number }[];
    expect(json.map((g) => g.count)).toEqual([3, 1]);
  });
});
