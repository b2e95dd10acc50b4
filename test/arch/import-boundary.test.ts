import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

const FORBIDDEN = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](@slack\/[^'"]*|botbuilder[^'"]*|@microsoft\/teams[^'"]*|(?:\.\.\/)+adapters\/[^'"]*)['"]/g;

describe('import boundary', () => {
  it('the core in src/ imports no platform SDK and nothing from adapters/', () => {
    const offenders = tsFiles('src').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(FORBIDDEN)].map((m) => `${f}: ${m[1]}`));
    expect(offenders).toEqual([]);
  });

  it('the check itself catches a forbidden import', () => {
    const sample = "import { App } from '@slack/bolt';\nconst x = await import('botbuilder');\nimport y from '../../adapters/slack/x.js';";
    expect([...sample.matchAll(FORBIDDEN)].map((m) => m[1])).toEqual(['@slack/bolt', 'botbuilder', '../../adapters/slack/x.js']);
  });

  it('only src/config reads process.env in the core', () => {
    const offenders = tsFiles('src').filter((f) => !f.startsWith(join('src', 'config')) && /process\.env/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
