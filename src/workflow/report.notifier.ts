import { buttons, reply, text } from '../bot/bot.types.js';
import type { DirectoryService } from '../directory/directory.service.js';
import { actorLabel, type Actor, type Person } from '../directory/directory.types.js';
import { approvalCard, REPORT_ACTIONS } from '../reports/report.replies.js';
import type { ExternalStatus, Report } from '../reports/report.types.js';
import type { SqliteNotifications } from '../store/sqlite/notification.sqlite-repository.js';
import type { Decision } from './report.decisions.js';
import { escapeMarkdown } from '../text/markup.js';

/**
 * Decides who is told what: the reporter on every status change, the municipality's seat holders
 * on each new submission, and the approvers when a report could not be delivered. Notifications
 * are stored durably; adapters deliver them.
 */
export class ReportNotifier {
  constructor(private readonly store: SqliteNotifications, private readonly directory: DirectoryService) {}

  submitted(r: Report, reporter: Person): void {
    const m = this.directory.municipality(r.municipalityCode);
    const card = approvalCard(r, reporter, m?.name ?? r.municipalityCode);
    const holders = this.directory.seatHolders(r.municipalityCode);
    for (const p of holders) if (p.id !== reporter.id) this.store.add(p.id, 'approval_request', r.id, card);
    // The reporter is told in the reply to the submission itself; a notification too would say it twice.
    if (!holders.length) this.toReporter(r, 'submitted', `Din fejlrapport **${r.number}** venter på godkendelse, men kommunen har ingen supportberettigede endnu – kontakt din Aula-administrator.`);
  }

  decided(r: Report, by: Actor, decision: Decision, note: string): void {
    const who = escapeMarkdown(by.kind === 'person' ? by.person.name : actorLabel(by));
    note = escapeMarkdown(note);
    const message =
      decision === 'approve'
        ? `Din fejlrapport **${r.number}** er godkendt af ${who} og sendes nu til Netcompany.`
        : decision === 'reject'
          ? `Din fejlrapport **${r.number}** er afvist af ${who}.\n\nBegrundelse: ${note}`
          : `${who} har et spørgsmål til din fejlrapport **${r.number}**:\n\n${note}\n\nRet rapporten og send den igen: tryk "Ret rapporten" eller skriv "ret ${r.number}".`;
    if (decision === 'request_info') {
      this.store.add(r.reporterId, `decision.${decision}`, r.id, reply(text(message), buttons([{ actionId: REPORT_ACTIONS.edit, label: 'Ret rapporten', value: r.number ?? String(r.id), style: 'primary' }, { actionId: REPORT_ACTIONS.show, label: 'Vis hele rapporten', value: r.number ?? '' }])));
      return;
    }
    this.toReporter(r, `decision.${decision}`, message);
  }

  forwarded(r: Report): void {
    this.toReporter(r, 'forwarded', `Din fejlrapport **${r.number}** er sendt til Netcompanys tekniske service desk.`);
  }

  externalStatus(r: Report, status: ExternalStatus, message: string): void {
    this.toReporter(r, 'external_status', `Netcompany har opdateret din fejlrapport **${r.number}**: status **${status}**.${message ? `\n\n${escapeMarkdown(message)}` : ''}`);
  }

  deadLetter(r: Report): void {
    const msg = reply(
      text(`Fejlrapport **${r.number}** kunne ikke sendes til Netcompany, og botten har opgivet at prøve igen. Kontakt den, der driver Aula-supportbotten: den kan sende rapporten igen med "aula-support outbox --retry ${r.number}".`),
    );
    for (const p of this.directory.seatHolders(r.municipalityCode)) this.store.add(p.id, 'dead_letter', r.id, msg);
  }

  /**
   * A "samme fejl her" supplement given up: the seat holders are told as for a report, and so is the
   * person who added it (they were told it was on its way to Netcompany).
   */
  supplementDeadLetter(r: Report, author: Person | undefined): void {
    const who = author ? ` fra ${escapeMarkdown(author.name)}` : '';
    const msg = reply(
      text(`Et supplement${who} til fejlrapport **${r.number}** ("samme fejl her") kunne ikke sendes til Netcompany, og botten har opgivet at prøve igen. Selve rapporten er ikke berørt. Kontakt den, der driver Aula-supportbotten: den kan sende det igen med "aula-support outbox --retry ${r.number}".`),
    );
    const told = new Set<number>();
    for (const p of [...this.directory.seatHolders(r.municipalityCode), ...(author ? [author] : [])]) {
      if (told.has(p.id)) continue;
      told.add(p.id);
      this.store.add(p.id, 'supplement_dead_letter', r.id, msg);
    }
  }

  private toReporter(r: Report, kind: string, markdown: string): void {
    this.store.add(r.reporterId, kind, r.id, reply(text(markdown)));
  }
}
