import { cardHash } from '../../src/util/card-hash.js';
import { CardFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Core } from '../../src/core.js';
import { PeriodicPass } from '../../src/util/periodic-pass.js';
import type { Person } from '../../src/directory/directory.types.js';
import { approvalCard } from '../../src/reports/report.replies.js';
import { renderCard, type Card } from './teams.cards.js';

/**
 * Proactive messages through stored conversation references: notifications to reporters and seat
 * holders, approval cards whose refresh shows the decision buttons to seat holders only, and an
 * update of every posted approval card once the report is decided.
 */
export class TeamsNotifier {
  private readonly loop: PeriodicPass;
  private pausedUntil = 0;

  constructor(private readonly core: Core, private readonly adapter: CloudAdapter, private readonly appId: string) {
    // With several replicas on PostgreSQL one of them runs a pass at a time (core.exclusive).
    this.loop = new PeriodicPass(async () => void (await this.core.exclusive('notify-teams', () => this.pass())), (err) => this.core.logger.error({ err: { name: (err as Error).name }, platform: 'teams' }, 'teams notification pass failed'));
    core.notifications.registerPlatform('teams');
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

  /** The approval card as `person` should see it: decision buttons only for seat holders while undecided. */
  approvalCardFor(number: string, person: Person | undefined): Card {
    const r = this.core.workflow.get(number);
    if (!r) return renderCard([{ elements: [{ kind: 'text', markdown: `Rapport ${number} findes ikke.` }] }]);
    const m = this.core.directory.municipality(r.municipalityCode);
    const reply = approvalCard(r, this.core.directory.personById(r.reporterId), m?.name ?? r.municipalityCode, r.decidedBy ? this.core.directory.personById(r.decidedBy) : undefined);
    const holder = !!person && this.core.directory.isSeatHolder(person.id, r.municipalityCode);
    const visible = holder ? reply : { ...reply, elements: reply.elements.filter((e) => e.kind !== 'buttons') };
    return renderCard([visible], r.status === 'submitted' ? { refreshUserIds: this.holderMris(r.municipalityCode), refreshData: { number } } : {});
  }

  /**
   * The seat holders as Teams matches `refresh.userIds`: user MRIs (`29:…`, the `from.id` Teams
   * sends), at most 60 (Universal Actions). An MRI is known once the person has written to the bot.
   */
  private holderMris(code: string): string[] {
    const mris = this.core.directory
      .seatHolders(code)
      .flatMap((p) => this.core.directory.identitiesOf(p.id).filter((i) => i.startsWith('teams:')))
      .map((i) => (this.core.platform.conversation(i) as ConversationReference | undefined)?.user?.id)
      .filter((id): id is string => typeof id === 'string' && id.length > 0);
    return [...new Set(mris)].slice(0, 60);
  }

  private teamsIdentity(personId: number): { identity: string; ref: ConversationReference } | undefined {
    for (const identity of this.core.directory.identitiesOf(personId).filter((i) => i.startsWith('teams:'))) {
      const ref = this.core.platform.conversation(identity) as ConversationReference | undefined;
      if (ref) return { identity, ref };
    }
    return undefined;
  }

  private async pass(): Promise<void> {
    if (Date.now() < this.pausedUntil) return;
    try {
      await this.deliverDue();
      await this.updateDecided();
    } catch (err) {
      const seconds = throttledSeconds(err);
      if (seconds === undefined) throw err;
      this.pausedUntil = Date.now() + seconds * 1000;
      this.core.logger.warn({ platform: 'teams', retryAfterSeconds: seconds }, 'teams throttling: notifications paused');
      return;
    }
    await this.core.exclusive('notify-mail', () => this.core.notificationMail.run());
  }

  /**
   * Due notifications only; one that cannot be delivered is recorded as missed (the store backs it off
   * and finally gives it up), so people who never talked to the bot never hold up the rest.
   */
  private async deliverDue(): Promise<void> {
    const channelDone = new Set<string>();
    // Every row read is delivered or recorded as missed, so it leaves the due set; the bound is a safeguard.
    for (let batch = 0; batch < 50; batch++) {
      const due = this.core.notifications.due('teams', BATCH);
      for (const n of due) {
        // Checked at delivery, not when queued: a report decided or withdrawn meanwhile, or a seat given up, sends no card.
        if (n.kind === 'approval_request' && !this.core.workflow.approvalStillWanted(n.reportId, n.personId)) {
          this.core.notifications.markDelivered(n.id, 'obsolete');
          continue;
        }
        const channelReport = n.kind === 'approval_request' && n.reportId ? this.core.workflow.get(n.reportId) : undefined;
        const channel = channelReport?.number ? this.core.platform.approvalChannel(channelReport.municipalityCode, 'teams') : undefined;
        const channelKey = channel ? `teams-conv:${channel}` : undefined;
        const channelRef = channelKey ? (this.core.platform.conversation(channelKey) as ConversationReference | undefined) : undefined;
        if (channelReport?.number && channelKey && channelRef) {
          // One card in the approval channel serves every seat holder.
          const once = `${channelKey}:${channelReport.id}`;
          if (!channelDone.has(once) && this.core.platform.posts(channelReport.id, 'teams').every((p) => p.channel !== channelKey)) {
            // Without buttons for everyone; `refresh.userIds` shows the seat holders their decision buttons.
            const id = await this.send(n.id, channelRef, this.approvalCardFor(channelReport.number, undefined));
            if (id === false) continue;
            if (id) this.core.platform.recordPost(channelReport.id, 'teams', channelKey, id, channelReport.version);
          }
          channelDone.add(once);
          this.core.notifications.markDelivered(n.id, 'teams');
          continue;
        }
        const target = this.teamsIdentity(n.personId);
        if (!target) {
          // Cards reach only people who have talked to the bot; when they do, their rows become due again.
          this.core.notifications.missedPerson(n.personId, 'teams', 'teams: har ikke skrevet til botten');
          continue;
        }
        const report = n.reportId ? this.core.workflow.get(n.reportId) : undefined;
        const card = n.kind === 'approval_request' && report?.number ? this.approvalCardFor(report.number, this.core.directory.personById(n.personId)) : renderCard([n.reply]);
        const activityId = await this.send(n.id, target.ref, card);
        if (activityId === false) continue;
        if (n.kind === 'approval_request' && report && activityId) this.core.platform.recordPost(report.id, 'teams', target.identity, activityId, report.version);
        this.core.notifications.markDelivered(n.id, 'teams');
      }
      if (due.length < BATCH) return;
    }
  }

  /**
   * Send a card proactively for notification `id`; returns the activity id, or false when the connector
   * refused this one message (4xx: uninstalled, blocked; recorded as a miss). Throttling and server or
   * network faults throw and stop the pass.
   */
  private async send(id: number, ref: ConversationReference, card: Card): Promise<string | undefined | false> {
    let activityId: string | undefined;
    try {
      await this.proactive(ref, async (ctx) => {
        activityId = (await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] }))?.id;
      });
      return activityId;
    } catch (err) {
      const status = statusOf(err);
      if (status === undefined || status === 429 || status >= 500) throw err;
      this.core.notifications.missed(id, 'teams', `teams: HTTP ${status}`);
      return false;
    }
  }

  /** A proactive turn whose failure reaches the caller: the adapter's turn-error handler would otherwise swallow it (and a failed send would count as delivered). */
  private async proactive(ref: ConversationReference, fn: (ctx: TurnContext) => Promise<void>): Promise<void> {
    let failure: { err: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.appId, ref, async (ctx) => {
      try {
        await fn(ctx);
      } catch (err) {
        failure = { err };
      }
    });
    if (failure) throw failure.err;
  }

  private async updateDecided(): Promise<void> {
    for (const post of this.core.platform.stalePosts('teams')) {
      const ref = this.core.platform.conversation(post.channel) as ConversationReference | undefined;
      const report = this.core.workflow.get(post.reportId);
      if (!ref || !report?.number) continue;
      const card = this.approvalCardFor(report.number, undefined);
      const hash = cardHash(card);
      if (hash === post.shownHash) {
        // The card would look exactly the same: no call (Teams throttles updates).
        this.core.platform.markShown(post.id, post.version, hash);
        continue;
      }
      try {
        await this.proactive(ref, async (ctx) => {
          await ctx.updateActivity({ id: post.messageId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
        });
      } catch (err) {
        // A deleted message or a removed bot cannot be updated; do not try again forever.
        const status = statusOf(err);
        if (status === undefined || status === 429 || status >= 500) throw err;
      }
      this.core.platform.markShown(post.id, post.version, hash);
    }
  }
}

/** Rows per query; a pass keeps reading until nothing is due. */
const BATCH = 200;

function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/** Seconds to wait when the connector throttles (HTTP 429, Retry-After when given, else 30 s). */
function throttledSeconds(err: unknown): number | undefined {
  if (statusOf(err) !== 429) return undefined;
  const headers = (err as { response?: { headers?: { get?: (n: string) => string | undefined } } }).response?.headers;
  const after = Number(headers?.get?.('retry-after'));
  return Number.isFinite(after) && after > 0 ? after : 30;
}
