import { approvalCard } from '../reports/report.replies.js';
import { reportLabel } from '../reports/report.types.js';
import type { Decision } from '../workflow/report.decisions.js';
import { reply, text, type Actor as ChatActor, type InboundEvent, type Reply } from './bot.types.js';
import type { ReportCommandContext } from './report.commands.js';

const say = (markdown: string): Reply[] => [reply(text(markdown))];
const NUMBER = /^AULA-\d{4}-\d{6}$/i;

/** The approver's side: reports awaiting a decision, the whole report, and approve / reject / ask for information. */
export class DecisionCommands {
  constructor(private readonly ctx: ReportCommandContext) {}

  pending(actor: ChatActor): Reply[] {
    const person = this.ctx.person(actor);
    if (!person || !this.ctx.directory.isSeatHolder(person.id, person.municipalityCode)) return say('Kun supportberettigede brugere behandler rapporter.');
    const list = this.ctx.workflow.awaiting(person.municipalityCode);
    if (!list.length) return say('Ingen rapporter venter på en beslutning.');
    const m = this.ctx.directory.municipality(person.municipalityCode);
    return list.map((r) => approvalCard(r, this.ctx.directory.personById(r.reporterId), m?.name ?? r.municipalityCode));
  }

  decideText(actor: ChatActor, decision: Decision, args: string): Reply[] {
    const [first = '', ...rest] = args.trim().split(/\s+/);
    const number = this.ctx.num(first);
    if (!NUMBER.test(number)) return say(`Skriv rapportens nummer, fx "${decision === 'approve' ? 'godkend' : decision === 'reject' ? 'afvis' : 'info'} AULA-2026-000123${decision === 'approve' ? '' : ' <tekst>'}".`);
    // "afvis AULA-…" without a reason: the next line is the reason, not a question for the FAQ.
    if (decision !== 'approve' && !rest.join(' ').trim()) return this.askNote(actor, decision, number);
    return this.decide(actor, decision, number, rest.join(' '));
  }

  decideAction(e: Extract<InboundEvent, { type: 'action' }>, decision: Decision): Reply[] {
    if (decision !== 'approve' && !e.text?.trim()) return this.askNote(e.actor, decision, e.value);
    return this.decide(e.actor, decision, e.value, e.text ?? '');
  }

  /** Wait for the reason or question, but only if it could be used: otherwise refuse now, revealing nothing. */
  private askNote(chatActor: ChatActor, decision: Exclude<Decision, 'approve'>, number: string): Reply[] {
    const person = this.ctx.person(chatActor);
    const actor = person && this.ctx.coreActor(person, chatActor);
    const visible = this.ctx.workflow.view(actor, number);
    const gate = visible.ok ? this.ctx.workflow.authorize(actor, `report.${decision}`, { municipalityCode: visible.value.municipalityCode, ownerId: visible.value.reporterId }) : visible;
    if (!gate.ok) return [{ ...reply(text(visible.ok ? 'Kun kommunens supportberettigede kan behandle rapporten.' : gate.message)), ephemeral: true }];
    if (visible.ok && visible.value.status !== 'submitted') return this.decide(chatActor, decision, number, '-');
    this.ctx.state.set(chatActor.identity, { flow: 'note', decision, number });
    return say(decision === 'reject' ? `Skriv begrundelsen for at afvise ${number} i din næste besked (eller "annuller"):` : `Skriv dit spørgsmål til indberetteren af ${number} i din næste besked (eller "annuller"):`);
  }

  /** `vis <nummer>`: the whole report, for its reporter and the municipality's seat holders and admins. */
  show(actor: ChatActor, args: string): Reply[] {
    const number = this.ctx.num(args);
    if (!number) return say('Skriv rapportens nummer, fx "vis AULA-2026-000123".');
    const person = this.ctx.person(actor);
    const r = this.ctx.workflow.view(person && this.ctx.coreActor(person, actor), number);
    if (!r.ok) return say(r.message);
    const m = this.ctx.directory.municipality(r.value.municipalityCode);
    const card = approvalCard(r.value, this.ctx.directory.personById(r.value.reporterId), m?.name ?? r.value.municipalityCode, r.value.decidedBy ? this.ctx.directory.personById(r.value.decidedBy) : undefined);
    const decider = person && this.ctx.workflow.authorize(this.ctx.coreActor(person, actor), 'report.approve', { municipalityCode: r.value.municipalityCode, ownerId: r.value.reporterId }).ok;
    return [decider && r.value.status === 'submitted' ? card : { ...card, elements: card.elements.filter((e) => e.kind !== 'buttons') }];
  }

  decide(actor: ChatActor, decision: Decision, number: string, note: string): Reply[] {
    const person = this.ctx.person(actor);
    if (!person) return say('Du er ikke registreret som supportberettiget, så du kan ikke behandle rapporter.');
    const r = this.ctx.workflow.decide(this.ctx.coreActor(person, actor), number, decision, note);
    if (!r.ok) return [{ ...reply(text(r.message)), ephemeral: true }];
    const done = { approve: 'godkendt og sendes nu til Netcompany', reject: 'afvist', request_info: 'sendt tilbage til indberetteren med dit spørgsmål' }[decision];
    const m = this.ctx.directory.municipality(r.value.municipalityCode);
    return [reply(text(`Rapport ${reportLabel(r.value)} er ${done}.`)), approvalCard(r.value, this.ctx.directory.personById(r.value.reporterId), m?.name ?? '', person)];
  }
}
