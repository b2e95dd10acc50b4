import { LazyTransport, createSmtpTransport } from '../outbox/forwarders/smtp.transport.js';
import type { Mail, Mailer } from './mailer.port.js';

/** The part of a nodemailer transporter we use; tests inject a fake. */
export interface SmtpTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export interface SmtpMailerOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465). When false, STARTTLS is required: mail never goes out in clear text. */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Injected transport (tests); otherwise nodemailer is imported on first use. */
  transport?: SmtpTransport;
}

/** Thrown when a mail could not be sent; the message names SMTP codes only (server replies can quote addresses). */
export class MailError extends Error {
  override readonly name = 'MailError';
}

/** E-mail through the same SMTP settings the e-mail forwarder uses (SMTP_HOST, FORWARD_EMAIL_FROM, …). */
export class SmtpMailer implements Mailer {
  private readonly transport: LazyTransport<SmtpTransport>;

  constructor(private readonly options: SmtpMailerOptions) {
    this.transport = new LazyTransport(() => createSmtpTransport<SmtpTransport>(options), options.transport);
  }

  async send(mail: Mail): Promise<void> {
    const transport = await this.transport.get().catch(() => {
      throw new MailError('SMTP transport unavailable');
    });
    try {
      await transport.sendMail({ from: this.options.from, to: mail.to, subject: mail.subject, text: mail.text });
    } catch (err) {
      const e = (typeof err === 'object' && err !== null ? err : {}) as { responseCode?: unknown; code?: unknown };
      const code = typeof e.responseCode === 'number' ? `SMTP ${e.responseCode}` : 'SMTP error';
      const detail = typeof e.code === 'string' && /^[A-Z0-9_]{1,32}$/.test(e.code) ? ` (${e.code})` : '';
      throw new MailError(`${code}${detail}`);
    }
  }
}
