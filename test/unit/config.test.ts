import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('configuration', () => {
  it('DATABASE_URL holds a password: a bad value is named, never echoed, and says what to set', () => {
    const bad = () => loadConfig({ DATABASE_URL: 'mysql://aula:hemmeligt-pw@db:3306/aula' });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/DATABASE_URL \(value not shown\).*postgres:\/\//);
    expect(() => bad()).not.toThrow(/hemmeligt-pw/);
    expect(loadConfig({ DATABASE_URL: 'postgres://aula:pw@db:5432/aula' }).DATABASE_URL).toBe('postgres://aula:pw@db:5432/aula');
  });

  it('runs with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3978, LOG_LEVEL: 'info' });
  });

  it('resolves default paths from the installation folder, not the current folder', () => {
    const c = loadConfig({});
    expect(c.DATABASE_PATH).toBe(resolve('data', 'aula-support.db'));
    expect(c.KNOWLEDGE_DIR).toBe(resolve('knowledge'));
    expect(c.FORWARD_DIR).toBe(resolve('data', 'outbox'));
  });

  it('refuses in Danish a configured path that does not exist, naming the variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aula-cfg-'));
    expect(() => loadConfig({ KNOWLEDGE_DIR: join(dir, 'nope') })).toThrow(/KNOWLEDGE_DIR=.*mappen findes ikke/);
    expect(() => loadConfig({ DATABASE_PATH: join(dir, 'missing', 'x.db') })).toThrow(/DATABASE_PATH=.*mappen .*missing findes ikke/);
    expect(loadConfig({ DATABASE_PATH: join(dir, 'x.db') }).DATABASE_PATH).toBe(join(dir, 'x.db'));
    expect(loadConfig({ DATABASE_PATH: ':memory:' }).DATABASE_PATH).toBe(':memory:');
  });

  it('fails fast naming the variable and what to set', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT="abc".*set a port number/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL.*one of fatal, error/);
  });

  it('refuses a suggest threshold above the answer threshold', () => {
    expect(() => loadConfig({ SEARCH_ANSWER_THRESHOLD: '0.3', SEARCH_SUGGEST_THRESHOLD: '0.6' })).toThrow(/SEARCH_SUGGEST_THRESHOLD/);
  });
});
