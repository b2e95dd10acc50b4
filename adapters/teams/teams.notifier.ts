import { CardFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
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

  constructor(private readonly core: Core, private readonly adapter: CloudAdapter, private readonly appId: string) {
    this.loop = new PeriodicPass(() => this.pass(), (err) => this.core.logger.error({ err: { name: (err as Error).name }, platform: 'teams' }, 'teams notification pass failed'));
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
    const channelDone = new Set<string>();
    for (const n of this.core.notifications.pending(undefined, 200)) {
      const channelReport = n.kind === 'approval_request' && n.reportId ? this.core.workflow.get(n.reportId) : undefined;
      const channel = channelReport?.number ? this.core.platform.approvalChannel(channelReport.municipalityCode, 'teams') : undefined;
      const channelKey = channel ? `teams-conv:${channel}` : undefined;
      const channelRef = channelKey ? (this.core.platform.conversation(channelKey) as ConversationReference | undefined) : undefined;
      if (channelReport?.number && channelKey && channelRef) {
        // One card in the approval channel serves every seat holder.
        const once = `${channelKey}:${channelReport.id}`;
        if (!channelDone.has(once) && this.core.platform.posts(channelReport.id, 'teams').every((p) => p.channel !== channelKey)) {
          let id: string | undefined;
          // Without buttons for everyone; `refresh.userIds` shows the seat holders their decision buttons.
          const card = this.approvalCardFor(channelReport.number, undefined);
          await this.adapter.continueConversationAsync(this.appId, channelRef, async (ctx) => {
            id = (await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] }))?.id;
          });
          if (id) this.core.platform.recordPost(channelReport.id, 'teams', channelKey, id, channelReport.version);
        }
        channelDone.add(once);
        this.core.notifications.markDelivered(n.id, 'teams');
        continue;
      }
      const target = this.teamsIdentity(n.personId);
      if (!target) continue; // not reachable in Teams: another adapter delivers it
      const report = n.reportId ? this.core.workflow.get(n.reportId) : undefined;
      const card = n.kind === 'approval_request' && report?.number ? this.approvalCardFor(report.number, this.core.directory.personById(n.personId)) : renderCard([n.reply]);
      let activityId: string | undefined;
      await this.adapter.continueConversationAsync(this.appId, target.ref, async (ctx) => {
        activityId = (await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] }))?.id;
      });
      if (n.kind === 'approval_request' && report && activityId) this.core.platform.recordPost(report.id, 'teams', target.identity, activityId, report.version);
      this.core.notifications.markDelivered(n.id, 'teams');
    }
    for (const post of this.core.platform.stalePosts('teams')) {
      const ref = this.core.platform.conversation(post.channel) as ConversationReference | undefined;
      const report = this.core.workflow.get(post.reportId);
      if (!ref || !report?.number) continue;
      const card = this.approvalCardFor(report.number, undefined);
      await this.adapter.continueConversationAsync(this.appId, ref, async (ctx) => {
        await ctx.updateActivity({ id: post.messageId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
      });
      this.core.platform.markShown(post.id, post.version);
    }
  }
}
