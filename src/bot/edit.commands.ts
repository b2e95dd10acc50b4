import type { ReportFields } from '../reports/report.schema.js';
import { REPORT_ACTIONS } from '../reports/report.replies.js';
import { reportLabel, type Report } from '../reports/report.types.js';
import { escapeMarkdown } from '../text/markup.js';
import { displayValue } from '../reports/report.display.js';
import { REPORT_FIELD_LABELS } from '../reports/report.labels.js';
import type { Person } from '../directory/directory.types.js';
import { buttons, reply, text, type Actor as ChatActor, type Button, type InboundEvent, type Reply } from './bot.types.js';
import { DIALOGUE_ORDER, asks, promptFor } from './report.dialogue.js';
import type { IntakeCommands } from './intake.commands.js';
import type { ReportCommandContext } from './report.commands.js';

const say = (markdown: string): Reply[] => [reply(text(markdown))];

/** Changing your own report: fixing a draft or a report sent back, discarding a draft, withdrawing a report. */
export class EditCommands {
  constructor(
    private readonly ctx: ReportCommandContext,
    private readonly intake: IntakeCommands,
  ) {}

  /** A report the actor may change now (their own draft, or their report sent back), or a refusal that reveals nothing. */
  editable(actor: ChatActor, ref: string): { ok: true; report: Report; person: Person } | { ok: false; message: string } {
    if (!ref.trim()) return { ok: false, message: 'Skriv rapportens nummer, fx "ret AULA-2026-000123".' };
    const person = this.ctx.person(actor);
    const byId = /^\d+$/.test(ref.trim());
    const report = !person ? undefined : byId ? this.ctx.workflow.get(Number(ref)) : (() => {
      const v = this.ctx.workflow.view(this.ctx.coreActor(person, actor), ref.trim());
      return v.ok ? v.value : undefined;
    })();
    if (!person || !report || report.reporterId !== person.id || !this.ctx.workflow.authorize(this.ctx.coreActor(person, actor), report.status === 'draft' ? 'draft.view' : 'report.edit', { municipalityCode: report.municipalityCode, ownerId: report.reporterId }).ok) {
      return { ok: false, message: `Du har ingen rapport med nummer ${ref.trim().slice(0, 40)}.` };
    }
    if (report.status !== 'needs_info' && report.status !== 'draft') return { ok: false, message: `Rapport ${reportLabel(report)} kan ikke rettes nu (den er ikke sendt tilbage til dig).` };
    return { ok: true, report, person };
  }

  editAction(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const r = this.editable(e.actor, e.value);
    if (!r.ok) return say(r.message);
    this.ctx.state.clear(e.actor.identity);
    return editMenu(r.report);
  }

  editField(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const [id = '', field = ''] = e.value.split(':');
    const r = this.editable(e.actor, id);
    if (!r.ok) return say(r.message);
    if (!DIALOGUE_ORDER.includes(field as keyof ReportFields)) return say('Det felt kender jeg ikke.');
    this.ctx.state.set(e.actor.identity, { flow: 'intake', reportId: r.report.id, field, edit: true });
    return [promptFor(field as keyof ReportFields, r.report.fields, undefined, { editing: true })];
  }

  reviewAction(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const r = this.editable(e.actor, e.value);
    if (!r.ok) return say(r.message);
    return this.intake.review(r.person, r.report.id, e.actor.identity);
  }

  /** `kassér` / "Annuller": a draft is thrown away; a report sent back is left as it is (it can be withdrawn). */
  discard(actor: ChatActor, reportId?: number): Reply[] {
    const person = this.ctx.person(actor);
    this.ctx.state.clear(actor.identity);
    if (!person) return say('Du har ingen kladde.');
    const target = reportId !== undefined ? this.ctx.workflow.get(reportId) : this.ctx.workflow.openDraft(person);
    if (target && target.reporterId === person.id && target.status === 'needs_info') {
      return say(`Rapport ${target.number} er ikke sendt igen. Skriv "ret ${target.number}", når du vil gøre den færdig, eller "tilbagekald ${target.number}" for at trække den tilbage.`);
    }
    // A button naming someone else's report throws nothing away, not even the clicker's own draft.
    if (reportId !== undefined && (!target || target.reporterId !== person.id)) return say('Du har ingen kladde at kassere.');
    const r = this.ctx.workflow.discardDraft(person, target?.id);
    return say(r.ok ? 'Kladden er kasseret. Skriv "fejl", når du vil oprette en ny fejlrapport.' : r.message);
  }

  edit(actor: ChatActor, args: string, channel = ''): Reply[] {
    if (!args.trim()) return say('Skriv rapportens nummer, fx "ret AULA-2026-000123".');
    const person = this.ctx.person(actor);
    const visible = person ? this.ctx.workflow.view(this.ctx.coreActor(person, actor), this.ctx.num(args)) : undefined;
    const report = visible?.ok ? visible.value : undefined;
    if (!person || !report || !this.ctx.workflow.authorize(this.ctx.coreActor(person, actor), 'report.edit', { municipalityCode: report.municipalityCode, ownerId: report.reporterId }).ok) {
      return say(`Du har ingen rapport med nummer ${escapeMarkdown(args.trim().slice(0, 40))}.`);
    }
    if (report.status !== 'needs_info') return say(`Rapport ${reportLabel(report)} kan ikke rettes nu (den er ${report.status === 'draft' ? 'en kladde – skriv "fejl"' : 'ikke sendt tilbage til dig'}).`);
    this.ctx.state.clear(actor.identity);
    // Slack opens its form (a modal) only from a click: offer the same form as filing first.
    const form: Reply[] = channel === 'slack' ? [reply(text(`Ret ${report.number} i den samme formular, som du oprettede den i:`), buttons([{ actionId: REPORT_ACTIONS.edit, label: 'Åbn formularen', value: String(report.id), style: 'primary' }]))] : [];
    return [...form, ...editMenu(report)];
  }

  withdraw(actor: ChatActor, args: string): Reply[] {
    const person = this.ctx.person(actor);
    if (!person) return say('Du er ikke registreret i Aula-supporten.');
    const r = this.ctx.workflow.withdraw(person, this.ctx.num(args));
    return r.ok ? say(`Rapport ${r.value.number ?? ''} er trukket tilbage.`) : say(r.message);
  }
}

/** The terminal's edit form: a numbered list of the fields with their current answers (never internal codes). */
export function editMenu(report: Report, headline?: string): Reply[] {
  const fields = report.fields;
  const list: Button[] = DIALOGUE_ORDER.filter((f) => asks(f, fields)).map((f) => {
    const v = displayValue(f, fields);
    const shown = v === undefined ? '(tom)' : v.replace(/\s+/g, ' ');
    return { actionId: REPORT_ACTIONS.editField, label: `${REPORT_FIELD_LABELS[f]}: ${shown.length > 50 ? `${shown.slice(0, 50)}…` : shown}`, value: `${report.id}:${f}` };
  });
  const intro = report.status === 'needs_info'
    ? `Du retter ${report.number}.${report.decisionNote ? ` Spørgsmålet var: ${report.decisionNote}` : ''}`
    : `Du retter din kladde${report.fields.title ? ` "${report.fields.title}"` : ''}.`;
  return [
    reply(
      text(`${headline ? `${headline}\n\n` : ''}${intro}\n\nVælg det felt, du vil ændre, eller send rapporten, når den er klar:`),
      buttons([...list, { actionId: REPORT_ACTIONS.review, label: report.status === 'needs_info' ? 'Send rapporten igen' : 'Tjek og send rapporten', value: String(report.id), style: 'primary' }, { actionId: REPORT_ACTIONS.discard, label: 'Annuller', value: String(report.id) }]),
    ),
  ];
}
