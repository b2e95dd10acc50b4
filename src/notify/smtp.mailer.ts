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
  private transport: Promise<SmtpTransport> | undefined;

  constructor(private readonly options: SmtpMailerOptions) {
    if (options.transport) this.transport = Promise.resolve(options.transport);
  }

  async send(mail: Mail): Promise<void> {
    const transport = await this.getTransport().catch(() => {
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

  private getTransport(): Promise<SmtpTransport> {
    this.transport ??= this.createTransport().catch((err: unknown) => {
      this.transport = undefined;
      throw err;
    });
    return this.transport;
  }

  private async createTransport(): Promise<SmtpTransport> {
    const { host, port, secure, user, password } = this.options;
    const nodemailer = (await import('nodemailer')).default;
    return nodemailer.createTransport({
      host,
      port,
      secure,
      requireTLS: !secure,
      auth: user !== undefined ? { user, pass: password } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }
}
