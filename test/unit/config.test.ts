import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('configuration', () => {
  it('runs with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ DATABASE_PATH: './data/aula-support.db', KNOWLEDGE_DIR: './knowledge', PORT: 3978, LOG_LEVEL: 'info' });
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
