import { LazyTransport, createSmtpTransport } from './smtp.transport.js';
import { createHash } from 'node:crypto';
import type { DeliveryOutcome, ForwardMessage, Forwarder } from '../forwarder.port.js';

/** The mail we hand to the transport (a subset of nodemailer's `SendMailOptions`). */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Deterministic per idempotency key, so a resend after a crash can be recognised as the same mail. */
  messageId: string;
  headers: Record<string, string>;
  attachments: { filename: string; content: string; contentType: string }[];
}

/** The part of a nodemailer transporter we use; tests inject a fake. */
export interface MailTransport {
  sendMail(mail: OutgoingMail): Promise<{ messageId?: string; accepted?: unknown[]; rejected?: unknown[] }>;
}

export interface SmtpForwarderOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465). When false, STARTTLS is required: mail never goes out in clear text. */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  to: string;
  /** Injected transport (tests); otherwise nodemailer is imported on first delivery. */
  transport?: MailTransport;
}

/**
 * E-mails the report to the service desk: Danish text as body, the JSON as `<reportNumber>.json`.
 * A supplement goes as its own mail ("Supplement til AULA-…") with `<reportNumber>-supplement.json`.
 */
export class SmtpForwarder implements Forwarder {
  readonly name = 'smtp';
  private readonly transport: LazyTransport<MailTransport>;

  constructor(private readonly options: SmtpForwarderOptions) {
    this.transport = new LazyTransport(() => createSmtpTransport<MailTransport>(options), options.transport);
  }

  async deliver(message: ForwardMessage): Promise<DeliveryOutcome> {
    let mail: OutgoingMail;
    try {
      mail = this.buildMail(message);
    } catch {
      return { kind: 'dead', reason: 'payload is not JSON-serialisable' };
    }
    let transport: MailTransport;
    try {
      transport = await this.transport.get();
    } catch {
      return { kind: 'retry', reason: 'SMTP transport unavailable (is nodemailer installed?)' };
    }
    try {
      const info = await transport.sendMail(mail);
      // Counts only: the arrays hold addresses. Non-SMTP transports report neither.
      if (!Array.isArray(info.accepted)) return { kind: 'delivered', detail: 'sent' };
      const rejected = Array.isArray(info.rejected) ? info.rejected.length : 0;
      return { kind: 'delivered', detail: `accepted ${info.accepted.length}, rejected ${rejected}` };
    } catch (err) {
      return classifySmtpError(err);
    }
  }

  private buildMail(message: ForwardMessage): OutgoingMail {
    const { reportNumber, idempotencyKey } = message;
    const json = `${JSON.stringify({ ...message.payload, reportNumber, idempotencyKey }, null, 2)}\n`;
    const supplement = message.kind === 'supplement';
    // A supplement answers the report's mail, so mail clients and ticket systems thread them.
    const thread: Record<string, string> = supplement && message.relatesTo ? { 'In-Reply-To': messageIdFor(message.relatesTo, this.options.from), References: messageIdFor(message.relatesTo, this.options.from) } : {};
    return {
      from: this.options.from,
      to: this.options.to,
      subject: message.subject,
      text: message.text,
      messageId: messageIdFor(idempotencyKey, this.options.from),
      headers: { 'X-Idempotency-Key': idempotencyKey, ...(supplement ? { 'X-Aula-Type': 'supplement', ...thread } : {}) },
      attachments: [{ filename: supplement ? `${reportNumber}-supplement.json` : `${reportNumber}.json`, content: json, contentType: 'application/json' }],
    };
  }
}

/**
 * SMTP replies: 4xx is transient (greylisting, mailbox busy) → retry; 5xx is permanent → dead,
 * except 503 "bad sequence of commands", which is about the session, not the mail (as nodemailer ≥ 10 sees it).
 * Without a reply code: connection, TLS and timeout faults → retry; a mail nodemailer refuses to
 * build or address (EENVELOPE / EMESSAGE before talking to the server) → dead.
 * The reason names code, command and error code only: server replies can quote addresses.
 */
export function classifySmtpError(err: unknown): DeliveryOutcome {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { responseCode?: unknown; code?: unknown; command?: unknown };
  const responseCode = typeof e.responseCode === 'number' && Number.isInteger(e.responseCode) ? e.responseCode : undefined;
  const code = typeof e.code === 'string' && /^[A-Z0-9_]{1,32}$/.test(e.code) ? e.code : undefined;
  const command = typeof e.command === 'string' && /^[A-Z ]{1,20}$/.test(e.command) ? e.command : undefined;
  const reason =
    [responseCode !== undefined ? `SMTP ${responseCode}` : 'SMTP error', command ? `at ${command}` : '', code ? `(${code})` : '']
      .filter((s) => s !== '')
      .join(' ');
  if (responseCode !== undefined) {
    const permanent = responseCode >= 500 && responseCode < 600 && responseCode !== 503;
    return { kind: permanent ? 'dead' : 'retry', reason };
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE') return { kind: 'dead', reason };
  return { kind: 'retry', reason };
}

/** `<hash-of-key@sender-domain>`: stable across retries, and reveals nothing of the key. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'aula-support-bot.invalid';
  const local = createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 32);
  return `<${local}@${domain}>`;
}
