import type { Logger } from 'pino';
import type { Reply } from '../bot/bot.types.js';
import type { SqliteNotifications } from '../store/sqlite/notification.sqlite-repository.js';
import type { Mailer } from './mailer.port.js';
import { notificationKindLabel } from './notification.labels.js';

/**
 * Notifications no chat platform could deliver within the retry window go to the person by e-mail
 * when SMTP is configured; otherwise they stay visible as undeliverable (`aula-support notifications`,
 * the aula_notifications metric). Concurrent calls share one pass, so a mail is sent once.
 */
export class NotificationFallback {
  private running: Promise<number> | undefined;

  constructor(private readonly store: SqliteNotifications, private readonly mailer: Mailer | undefined, private readonly logger: Logger) {}

  get enabled(): boolean {
    return this.mailer !== undefined;
  }

  /** Send what is due; returns how many mails went out. */
  run(): Promise<number> {
    if (!this.mailer) return Promise.resolve(0);
    this.running ??= this.pass(this.mailer).finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(mailer: Mailer): Promise<number> {
    let sent = 0;
    for (const n of this.store.dueForEmail()) {
      try {
        await mailer.send({ to: n.email, subject: `Aula-supportbotten: ${notificationKindLabel(n.kind)}`, text: mailText(n.name, n.reply) });
        this.store.markDelivered(n.id, 'email');
        sent++;
      } catch (err) {
        const reason = err instanceof Error && err.name === 'MailError' ? err.message : 'fejl ved afsendelse';
        this.store.emailFailed(n.id, reason);
        this.logger.warn({ notification: n.id, err: { name: (err as Error).name } }, 'notification e-mail failed');
      }
    }
    if (sent) this.logger.info({ count: sent }, 'undeliverable notifications sent by e-mail');
    return sent;
  }
}

/** The reply as plain text: text and facts; buttons are left out (they only work in chat). */
export function mailText(name: string, r: Reply): string {
  const parts: string[] = [`Hej ${name}`, ''];
  for (const e of r.elements) {
    if (e.kind === 'text' || e.kind === 'context') parts.push(plain(e.markdown), '');
    else if (e.kind === 'facts') parts.push(...e.items.map((i) => `${i.label}: ${plain(i.value)}`), '');
  }
  if (r.elements.some((e) => e.kind === 'buttons')) parts.push('Svar i Slack eller Teams for at handle på beskeden.', '');
  parts.push('Du får beskeden som e-mail, fordi Aula-supportbotten ikke kunne nå dig i Slack eller Teams.');
  return parts.join('\n');
}

const plain = (markdown: string): string => markdown.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\*(.+?)\*/g, '$1');
