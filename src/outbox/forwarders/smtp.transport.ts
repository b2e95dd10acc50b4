/** How to reach the SMTP server; shared by the forwarder and the notification e-mail fallback. */
export interface SmtpConnection {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
}

/**
 * A nodemailer transporter, imported on first use. nodemailer's defaults (2 min connect, 10 min
 * idle socket) would outlast the outbox lease, so the timeouts are short.
 */
export async function createSmtpTransport<T>(c: SmtpConnection): Promise<T> {
  const nodemailer = (await import('nodemailer')).default;
  return nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.secure,
    requireTLS: !c.secure,
    auth: c.user !== undefined ? { user: c.user, pass: c.password } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  }) as unknown as T;
}

/** One transport per sender, created when first needed; a failed creation is tried again next time. */
export class LazyTransport<T> {
  private pending: Promise<T> | undefined;

  constructor(private readonly create: () => Promise<T>, injected?: T) {
    if (injected) this.pending = Promise.resolve(injected);
  }

  get(): Promise<T> {
    this.pending ??= this.create().catch((err: unknown) => {
      this.pending = undefined;
      throw err;
    });
    return this.pending;
  }
}
