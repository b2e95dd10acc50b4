import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import { maskCpr } from '../../src/privacy/cpr.js';

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/**
 * Bolt's and the Web API client's own log lines, into our pino logger instead of the console.
 * Their messages can quote what a user sent (a JSON parse error shows a snippet of the body), so
 * quoted text is dropped, CPR numbers are masked and the line is cut short.
 */
export function slackLogger(logger: Logger, initial: LogLevel = LogLevel.WARN): BoltLogger {
  let level = initial;
  const log = (at: LogLevel, write: (o: object, m: string) => void) => (...parts: unknown[]) => {
    if (ORDER.indexOf(at) >= ORDER.indexOf(level)) write({ platform: 'slack', source: 'bolt' }, sanitize(parts));
  };
  return {
    debug: log(LogLevel.DEBUG, (o, m) => logger.debug(o, m)),
    info: log(LogLevel.INFO, (o, m) => logger.info(o, m)),
    warn: log(LogLevel.WARN, (o, m) => logger.warn(o, m)),
    error: log(LogLevel.ERROR, (o, m) => logger.error(o, m)),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}

export function sanitize(parts: readonly unknown[]): string {
  const text = parts
    .map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : typeof p === 'string' || typeof p === 'number' ? String(p) : '[object]'))
    .join(' ')
    .replace(/"[^"]*"|'[^']*'/g, '"…"');
  return maskCpr(text).text.slice(0, 300);
}
