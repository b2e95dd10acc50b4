import { cardHash } from '../../src/util/card-hash.js';
import { webApi } from '@slack/bolt';
import type { Core } from '../../src/core.js';
import type { Person } from '../../src/directory/directory.types.js';
import { PeriodicPass } from '../../src/util/periodic-pass.js';
import { approvalCard } from '../../src/reports/report.replies.js';
import { renderBlocks } from './slack.render.js';
import { SlackIdentity, type WebClient } from './slack.identity.js';
import { slackLogger } from './slack.logger.js';

/** A person without a Slack account (no user with their e-mail) is not looked up again for this long. */
export const SLACK_LOOKUP_NEGATIVE_TTL_MS = 30 * 60_000;
/** Rows per query; a pass keeps reading until nothing is due. */
const BATCH = 200;
/** Slack's own `ratelimited` answer without Retry-After: wait this long. */
const DEFAULT_RATE_LIMIT_S = 30;

type SlackError = Error & { code?: string; retryAfter?: number; data?: { error?: string } };

/**
 * Delivers the core's stored notifications to Slack users (approval requests to the municipality's
 * approval channel when one is set, otherwise as direct messages), and updates every posted copy
 * of an approval request once the report has been decided.
 *
 * A pass reads only due notifications; one it cannot deliver is recorded as missed (the store backs
 * it off and finally gives it up), so unreachable people never hold up the rest. Look-ups that find
 * nobody are remembered; Slack's Retry-After stops the pass until it has passed.
 */
export class SlackNotifier {
  private readonly loop: PeriodicPass;
  /** Own client: rate-limited calls fail at once with Retry-After instead of waiting inside the shared client's queue. */
  private readonly api: WebClient;
  private pausedUntil = 0;

  /** `permits`: whether a workspace is one the bot serves (on Enterprise Grid the e-mail look-up can find a user in any of the org's workspaces). */
  constructor(
    private readonly core: Core,
    client: WebClient,
    private readonly permits: (team: string, enterprise?: string) => Promise<boolean>,
    private readonly teamId: () => string | undefined,
  ) {
    // With several replicas on PostgreSQL one of them runs a pass at a time (core.exclusive).
    this.loop = new PeriodicPass(async () => void (await this.core.exclusive('notify-slack', () => this.pass())), (err) => this.core.logger.error({ err: { name: (err as Error).name, code: (err as SlackError).code }, platform: 'slack' }, 'slack notification pass failed'));
    core.notifications.registerPlatform('slack');
    const { SLACK_BOT_TOKEN: token, SLACK_API_URL: apiUrl } = core.config;
    this.api = token
      ? (new webApi.WebClient(token, {
          logger: slackLogger(core.logger),
          rejectRateLimitedCalls: true,
          retryConfig: { retries: 0 },
          timeout: 5000,
          ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
        }) as unknown as WebClient)
      : client;
  }

  start(intervalMs: number): void {
    this.loop.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass; concurrent calls share it. */
  run(): Promise<void> {
    return this.loop.run();
  }

  private async pass(): Promise<void> {
    if (Date.now() < this.pausedUntil) return;
    try {
      await this.deliverDue();
      await this.updateDecided();
    } catch (err) {
      const seconds = rateLimitSeconds(err);
      if (seconds === undefined) throw err;
      this.pausedUntil = Date.now() + seconds * 1000;
      this.core.logger.warn({ platform: 'slack', retryAfterSeconds: seconds }, 'slack rate limit: notifications paused');
      return;
    }
    await this.core.exclusive('notify-mail', () => this.core.notificationMail.run());
  }

  private async deliverDue(): Promise<void> {
    const channelDone = new Set<string>();
    const users = new Map<number, string | undefined>();
    // Every row read is delivered or recorded as missed, so it leaves the due set; the bound is a safeguard.
    for (let batch = 0; batch < 50; batch++) {
      const due = this.core.notifications.due('slack', BATCH);
      for (const n of due) {
        // Checked at delivery, not when queued: a report decided or withdrawn meanwhile, or a seat given up, sends no card.
        if (n.kind === 'approval_request' && !this.core.workflow.approvalStillWanted(n.reportId, n.personId)) {
          this.core.notifications.markDelivered(n.id, 'obsolete');
          continue;
        }
        const person = this.core.directory.personById(n.personId);
        if (!person) {
          this.core.notifications.missed(n.id, 'slack', 'slack: personen findes ikke');
          continue;
        }
        const report = n.reportId ? this.core.workflow.get(n.reportId) : undefined;
        const channel = n.kind === 'approval_request' && report ? this.core.platform.approvalChannel(report.municipalityCode, 'slack') : undefined;
        if (channel && report) {
          // One post in the approval channel serves every seat holder.
          const key = `${channel}:${report.id}`;
          if (!channelDone.has(key) && this.core.platform.posts(report.id, 'slack').every((p) => p.channel !== channel)) {
            const posted = await this.call(n.id, () => this.api.chat.postMessage({ channel, ...renderBlocks([n.reply]) }));
            if (!posted) continue;
            if (posted.ts) this.core.platform.recordPost(report.id, 'slack', channel, posted.ts, report.version);
          }
          channelDone.add(key);
          this.core.notifications.markDelivered(n.id, 'slack');
          continue;
        }
        if (!users.has(person.id)) users.set(person.id, await this.userId(person));
        const userId = users.get(person.id);
        if (!userId) {
          // Not on Slack (another platform may reach them); all their due rows count as missed at once.
          this.core.notifications.missedPerson(person.id, 'slack', 'slack: ingen Slack-bruger med personens e-mail');
          continue;
        }
        // Posting to a user id delivers to the bot's direct message with them; the reply names the real channel.
        const posted = await this.call(n.id, () => this.api.chat.postMessage({ channel: userId, ...renderBlocks([n.reply]) }));
        if (!posted) continue;
        const dmChannel = typeof posted.channel === 'string' ? posted.channel : userId;
        if (n.kind === 'approval_request' && report && posted.ts) this.core.platform.recordPost(report.id, 'slack', dmChannel, posted.ts, report.version);
        this.core.notifications.markDelivered(n.id, 'slack');
      }
      if (due.length < BATCH) return;
    }
  }

  /**
   * A Web API call for notification `id`: Slack refusing this one message (an error code) records a
   * miss and returns undefined; rate limits and transport faults stop the pass (rows stay due).
   */
  private async call<T>(id: number, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      const e = err as SlackError;
      if (rateLimitSeconds(err) !== undefined || e.code !== 'slack_webapi_platform_error') throw err;
      this.core.notifications.missed(id, 'slack', `slack: ${safeCode(e.data?.error)}`);
      return undefined;
    }
  }

  /** The person's Slack user id: a linked identity, else users.lookupByEmail unless a recent look-up found nobody. */
  private async userId(person: Person): Promise<string | undefined> {
    const linked = this.core.directory.identitiesOf(person.id).find((i) => i.startsWith('slack:'));
    if (linked) return linked.split(':')[2];
    if (this.core.notifications.knownUnreachable(person.id, 'slack')) return undefined;
    try {
      const found = await this.api.users.lookupByEmail({ email: person.email });
      const id = found.user?.id;
      const team = found.user?.team_id ?? this.teamId();
      const enterprise = (found.user as { enterprise_user?: { enterprise_id?: string } } | undefined)?.enterprise_user?.enterprise_id;
      if (id && team && !(await this.permits(team, enterprise))) {
        // Found in a workspace the bot does not serve: neither linked nor written to.
        this.core.logger.warn({ platform: 'slack', team }, 'users.lookupByEmail found the person in a workspace not allowed; not linked');
        this.core.notifications.markUnreachable(person.id, 'slack', SLACK_LOOKUP_NEGATIVE_TTL_MS);
        return undefined;
      }
      if (id && team) this.core.directory.resolve(SlackIdentity.identity(team, id), person.email);
      if (!id) this.core.notifications.markUnreachable(person.id, 'slack', SLACK_LOOKUP_NEGATIVE_TTL_MS);
      return id;
    } catch (err) {
      if (rateLimitSeconds(err) !== undefined || (err as SlackError).code !== 'slack_webapi_platform_error') throw err;
      // users_not_found, or an account Slack will not show us: either way, not reachable for a while.
      this.core.notifications.markUnreachable(person.id, 'slack', SLACK_LOOKUP_NEGATIVE_TTL_MS);
      return undefined;
    }
  }

  /** Replace the buttons of every copy of a decided approval request with who decided and when. */
  private async updateDecided(): Promise<void> {
    for (const post of this.core.platform.stalePosts('slack')) {
      const report = this.core.workflow.get(post.reportId);
      if (!report) continue;
      const m = this.core.directory.municipality(report.municipalityCode);
      const card = approvalCard(report, this.core.directory.personById(report.reporterId), m?.name ?? report.municipalityCode, report.decidedBy ? this.core.directory.personById(report.decidedBy) : undefined);
      const rendered = renderBlocks([card]);
      const hash = cardHash(rendered);
      if (hash === post.shownHash) {
        this.core.platform.markShown(post.id, post.version, hash);
        continue;
      }
      try {
        await this.api.chat.update({ channel: post.channel, ts: post.messageId, ...rendered });
      } catch (err) {
        // A deleted message or a channel the bot left cannot be updated; do not try again forever.
        if (rateLimitSeconds(err) !== undefined || (err as SlackError).code !== 'slack_webapi_platform_error') throw err;
      }
      this.core.platform.markShown(post.id, post.version, hash);
    }
  }
}

/** Seconds to wait when `err` is Slack's rate limit (HTTP 429 with Retry-After, or a `ratelimited` answer). */
function rateLimitSeconds(err: unknown): number | undefined {
  const e = err as SlackError | undefined;
  if (e?.code === 'slack_webapi_rate_limited_error') return Math.max(1, Number(e.retryAfter) || DEFAULT_RATE_LIMIT_S);
  if (e?.code === 'slack_webapi_platform_error' && (e.data?.error === 'ratelimited' || e.data?.error === 'rate_limited')) return DEFAULT_RATE_LIMIT_S;
  return undefined;
}

/** Slack's error codes are short identifiers; anything else is not echoed. */
const safeCode = (code: string | undefined): string => (code && /^[a-z_]{1,60}$/.test(code) ? code : 'fejl');
