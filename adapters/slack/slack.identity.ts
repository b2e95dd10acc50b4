import type { App } from '@slack/bolt';
import type { Actor } from '../../src/bot/bot.types.js';
import type { Core } from '../../src/core.js';

const UNKNOWN_TTL_MS = 10 * 60_000;

export type WebClient = App['client'];

/**
 * Slack users → our identities. The e-mail from `users.info` (scope users:read.email) links a
 * Slack user to the directory once; the link is stored, so later messages need no API call.
 * Users not in the directory are staff; their e-mail is remembered briefly in memory only.
 */
export class SlackIdentity {
  private readonly emails = new Map<string, { email: string | undefined; at: number }>();

  constructor(private readonly core: Core, private readonly client: WebClient) {}

  static identity(teamId: string, userId: string): string {
    return `slack:${teamId}:${userId}`;
  }

  async actor(teamId: string, userId: string): Promise<Actor> {
    const identity = SlackIdentity.identity(teamId, userId);
    if (this.core.directory.resolve(identity)) return { identity };
    const cached = this.emails.get(identity);
    let email = cached && Date.now() - cached.at < UNKNOWN_TTL_MS ? cached.email : undefined;
    if (!cached || Date.now() - cached.at >= UNKNOWN_TTL_MS) {
      try {
        const info = await this.client.users.info({ user: userId });
        email = info.user?.profile?.email ?? undefined;
      } catch (err) {
        this.core.logger.warn({ err: { name: (err as Error).name }, platform: 'slack' }, 'users.info failed; treating user as staff');
      }
      this.emails.set(identity, { email, at: Date.now() });
    }
    if (email) this.core.directory.resolve(identity, email);
    return { identity, ...(email ? { email } : {}) };
  }
}
