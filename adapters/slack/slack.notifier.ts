import type { Core } from '../../src/core.js';
import { PeriodicPass } from '../../src/util/periodic-pass.js';
import { approvalCard } from '../../src/reports/report.replies.js';
import { renderBlocks } from './slack.render.js';
import type { SlackIdentity, WebClient } from './slack.identity.js';

/**
 * Delivers the core's stored notifications to Slack users (approval requests to the municipality's
 * approval channel when one is set, otherwise as direct messages), and updates every posted copy
 * of an approval request once the report has been decided.
 */
export class SlackNotifier {
  private readonly loop: PeriodicPass;

  constructor(private readonly core: Core, private readonly client: WebClient, private readonly identity: SlackIdentity, private readonly teamId: () => string | undefined) {
    this.loop = new PeriodicPass(() => this.pass(), (err) => this.core.logger.error({ err: { name: (err as Error).name }, platform: 'slack' }, 'slack notification pass failed'));
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
    const channelDone = new Set<string>();
    for (const n of this.core.notifications.pending(undefined, 200)) {
      const person = this.core.directory.personById(n.personId);
      if (!person) continue;
      const report = n.reportId ? this.core.workflow.get(n.reportId) : undefined;
      const channel = n.kind === 'approval_request' && report ? this.core.platform.approvalChannel(report.municipalityCode, 'slack') : undefined;
      if (channel && report) {
        // One post in the approval channel serves every seat holder.
        const key = `${channel}:${report.id}`;
        if (!channelDone.has(key) && this.core.platform.posts(report.id, 'slack').every((p) => p.channel !== channel)) {
          const posted = await this.client.chat.postMessage({ channel, ...renderBlocks([n.reply]) });
          if (posted.ts) this.core.platform.recordPost(report.id, 'slack', channel, posted.ts, report.version);
        }
        channelDone.add(key);
        this.core.notifications.markDelivered(n.id, 'slack');
        continue;
      }
      const userId = await this.identity.userId(person, this.teamId());
      if (!userId) continue; // not on Slack: another adapter delivers it
      // Posting to a user id delivers to the bot's direct message with them; the reply names the real channel.
      const posted = await this.client.chat.postMessage({ channel: userId, ...renderBlocks([n.reply]) });
      const dmChannel = typeof posted.channel === 'string' ? posted.channel : userId;
      if (n.kind === 'approval_request' && report && posted.ts) this.core.platform.recordPost(report.id, 'slack', dmChannel, posted.ts, report.version);
      this.core.notifications.markDelivered(n.id, 'slack');
    }
    await this.updateDecided();
  }

  /** Replace the buttons of every copy of a decided approval request with who decided and when. */
  private async updateDecided(): Promise<void> {
    for (const post of this.core.platform.stalePosts('slack')) {
      const report = this.core.workflow.get(post.reportId);
      if (!report) continue;
      const m = this.core.directory.municipality(report.municipalityCode);
      const card = approvalCard(report, this.core.directory.personById(report.reporterId), m?.name ?? report.municipalityCode, report.decidedBy ? this.core.directory.personById(report.decidedBy) : undefined);
      await this.client.chat.update({ channel: post.channel, ts: post.messageId, ...renderBlocks([card]) });
      this.core.platform.markShown(post.id, post.version);
    }
  }
}
