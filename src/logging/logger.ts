import { pino, type Logger, type DestinationStream } from 'pino';
import { randomUUID } from 'node:crypto';

/**
 * Keys whose values are secrets or free text a user typed (which may hold personal data).
 * They are replaced by "[redacted]" wherever they appear, one level deep or at top level.
 */
export const REDACTED_KEYS = [
  'password', 'token', 'secret', 'signingSecret', 'authorization', 'cookie', 'apiKey',
  'text', 'question', 'body', 'answer', 'description', 'email', 'displayName', 'value',
];

export function redactPaths(): string[] {
  return REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]).concat(['req.headers.authorization', 'req.headers["x-slack-signature"]', 'headers.authorization']);
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'aula-support' },
      redact: { paths: redactPaths(), censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The log `msg` is ours (English, no user content); user content only ever goes in redacted keys.
    },
    destination,
  );
}

/** Short id that ties a user-visible apology to the log line with the details. */
export function newCorrelationId(): string {
  return randomUUID().slice(0, 8);
}
