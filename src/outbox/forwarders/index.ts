import type { Forwarder } from '../forwarder.port.js';
import { FileForwarder } from './file.forwarder.js';
import { SmtpForwarder } from './smtp.forwarder.js';
import { WebhookForwarder } from './webhook.forwarder.js';

export { FileForwarder } from './file.forwarder.js';
export { SmtpForwarder } from './smtp.forwarder.js';
export { WebhookForwarder, signBody, verifySignature } from './webhook.forwarder.js';

export interface ForwarderConfig {
  FORWARDER: 'file' | 'webhook' | 'smtp';
  FORWARD_DIR: string;
  FORWARD_WEBHOOK_URL?: string;
  FORWARD_WEBHOOK_SECRET?: string;
  SMTP_HOST?: string;
  SMTP_PORT?: number;
  SMTP_SECURE?: boolean;
  SMTP_USER?: string;
  SMTP_PASSWORD?: string;
  FORWARD_EMAIL_FROM?: string;
  FORWARD_EMAIL_TO?: string;
}

/** Build the forwarder chosen by FORWARDER; throws naming the variable that is missing or unusable. */
export function createForwarder(config: ForwarderConfig): Forwarder {
  switch (config.FORWARDER) {
    case 'file':
      return new FileForwarder(required(config.FORWARD_DIR, 'FORWARD_DIR', 'file'));
    case 'webhook': {
      const url = required(config.FORWARD_WEBHOOK_URL, 'FORWARD_WEBHOOK_URL', 'webhook');
      const secret = required(config.FORWARD_WEBHOOK_SECRET, 'FORWARD_WEBHOOK_SECRET', 'webhook');
      if (!/^https?:$/.test(urlProtocol(url))) {
        throw new Error('FORWARD_WEBHOOK_URL must be an http(s) URL, e.g. https://servicedesk.example/aula');
      }
      return new WebhookForwarder({ url, secret });
    }
    case 'smtp': {
      const host = required(config.SMTP_HOST, 'SMTP_HOST', 'smtp');
      const from = required(config.FORWARD_EMAIL_FROM, 'FORWARD_EMAIL_FROM', 'smtp');
      const to = required(config.FORWARD_EMAIL_TO, 'FORWARD_EMAIL_TO', 'smtp');
      const port = config.SMTP_PORT ?? 587;
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('SMTP_PORT must be a port number 1-65535, e.g. 587');
      const user = nonEmpty(config.SMTP_USER);
      const password = nonEmpty(config.SMTP_PASSWORD);
      if (user !== undefined && password === undefined) throw new Error('SMTP_PASSWORD is missing: it is required when SMTP_USER is set');
      if (user === undefined && password !== undefined) throw new Error('SMTP_USER is missing: it is required when SMTP_PASSWORD is set');
      return new SmtpForwarder({ host, port, secure: config.SMTP_SECURE ?? port === 465, user, password, from, to });
    }
    default:
      throw new Error(`FORWARDER must be one of file, webhook, smtp (got ${JSON.stringify(config.FORWARDER satisfies never)})`);
  }
}

function required(value: string | undefined, name: string, forwarder: string): string {
  const v = nonEmpty(value);
  if (v === undefined) throw new Error(`${name} is missing: it is required when FORWARDER=${forwarder}`);
  return v;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function urlProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}
