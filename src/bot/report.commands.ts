import type { DirectoryService } from '../directory/directory.service.js';
import type { Actor as CoreActor, Person } from '../directory/directory.types.js';
import { approvalCard, REPORT_ACTIONS } from '../reports/report.replies.js';
import { parseReportInput, type ReportFields } from '../reports/report.schema.js';
import { reportLabel } from '../reports/report.types.js';
import { escapeMarkdown } from '../text/markup.js';
import type { SqliteConversationState } from '../store/sqlite/conversation-state.sqlite-repository.js';
import type { SqliteNotifications } from '../store/sqlite/notification.sqlite-repository.js';
import type { Decision, ReportWorkflow, SubmitOutcome } from '../workflow/report.workflow.js';
import type { Bot } from './bot.js';
import { reply, text, type Actor as ChatActor, type InboundEvent, type Reply } from './bot.types.js';
import { errorsReply, reviewReply, statusList } from './intake.replies.js';
import { INTAKE_CHOICE_ACTION, answerValue, fieldError, firstInvalid, intakeIntro, nextField, promptFor } from './report.dialogue.js';
import { sameErrorReply } from '../workflow/same-error.js';

export interface ReportFeatureDeps {
  directory: DirectoryService;
  workflow: ReportWorkflow;
  state: SqliteConversationState;
  notifications: SqliteNotifications;
  now: () => Date;
}

const say = (markdown: string): Reply[] => [reply(text(markdown))];
const NUMBER = /^AULA-\d{4}-\d{6}$/i;
/** A report number (or the start of one) as the first argument of a report command. */
const REPORT_ARG = /^(?:AULA-\d{4}-\d+|\d+)(?:\s|$)/i;

/**
 * Fault reports in chat: the step-by-step intake, the review before submission, decisions by
 * support-entitled users and the reporter's status list. Registered on the platform-free bot, so
 * Slack, Teams and the terminal reach the same commands and action ids.
 */
export class ReportFeature {
  constructor(private readonly deps: ReportFeatureDeps) {}

  register(bot: Bot): void {
    const c = bot.commands;
    c.register({ id: 'report.new', aliases: ['fejl', 'fejlrapport', 'indberet'], slash: '/aula-fejl', usage: 'fejl', takesArgs: false, interruptsDialogue: true, description: 'opretter en fejlrapport til Netcompany (superbrugere)', run: ({ actor }) => this.start(actor) });
    c.register({ id: 'report.status', aliases: ['status', 'mine'], slash: '/aula-status', usage: 'status', takesArgs: false, description: 'viser dine fejlrapporter og deres status', run: ({ actor }) => this.status(actor) });
    c.register({ id: 'report.pending', aliases: ['afventer', 'godkendelser'], usage: 'afventer', takesArgs: false, description: 'viser rapporter, der venter på din beslutning (supportberettigede)', run: ({ actor }) => this.pending(actor) });
    c.register({ id: 'report.approve', argsPattern: REPORT_ARG, aliases: ['godkend'], usage: 'godkend <nummer>', takesArgs: true, description: 'godkender en rapport og sender den til Netcompany', run: ({ actor, args }) => this.decideText(actor, 'approve', args) });
    c.register({ id: 'report.reject', argsPattern: REPORT_ARG, aliases: ['afvis'], usage: 'afvis <nummer> <begrundelse>', takesArgs: true, description: 'afviser en rapport med en begrundelse', run: ({ actor, args }) => this.decideText(actor, 'reject', args) });
    c.register({ id: 'report.request_info', argsPattern: REPORT_ARG, aliases: ['info'], usage: 'info <nummer> <spørgsmål>', takesArgs: true, description: 'beder indberetteren om flere oplysninger', run: ({ actor, args }) => this.decideText(actor, 'request_info', args) });
    c.register({ id: 'report.show', argsPattern: REPORT_ARG, aliases: ['vis'], usage: 'vis <nummer>', takesArgs: true, description: 'viser hele rapporten (indberetteren og kommunens supportberettigede)', run: ({ actor, args }) => this.show(actor, args) });
    c.register({ id: 'report.edit', argsPattern: REPORT_ARG, aliases: ['ret'], usage: 'ret <nummer>', takesArgs: true, description: 'retter en rapport, du er blevet spurgt om', run: ({ actor, args }) => this.edit(actor, args) });
    c.register({ id: 'report.withdraw', argsPattern: REPORT_ARG, aliases: ['tilbagekald'], usage: 'tilbagekald <nummer>', takesArgs: true, description: 'trækker din rapport tilbage, før den er behandlet', run: ({ actor, args }) => this.withdraw(actor, args) });
    c.register({ id: 'dialogue.cancel', aliases: ['annuller', 'stop'], usage: 'annuller', takesArgs: false, interruptsDialogue: true, description: 'stopper den igangværende dialog (kladden gemmes)', run: ({ actor }) => this.cancel(actor) });

    bot.onAction(REPORT_ACTIONS.approve, (e) => this.decideAction(e, 'approve'));
    bot.onAction(REPORT_ACTIONS.reject, (e) => this.decideAction(e, 'reject'));
    bot.onAction(REPORT_ACTIONS.requestInfo, (e) => this.decideAction(e, 'request_info'));
    bot.onAction(REPORT_ACTIONS.submit, (e) => this.confirm(e));
    bot.onAction(REPORT_ACTIONS.sameError, (e) => this.sameError(e));
    bot.onAction(REPORT_ACTIONS.saveDraft, () => say('Kladden er gemt. Skriv "fejl", når du vil gøre den færdig.'));
    bot.onAction(INTAKE_CHOICE_ACTION, (e) => this.choice(e));
    bot.onConversation((e) => this.continueConversation(e));
  }

  /** Pending notifications for the person behind `actor`, oldest first (for adapters that poll). */
  pendingNotifications(actor: ChatActor): { id: number; reply: Reply }[] {
    const person = this.person(actor);
    return person ? this.deps.notifications.pending(person.id).map((n) => ({ id: n.id, reply: n.reply })) : [];
  }

  markDelivered(id: number, via: string): void {
    this.deps.notifications.markDelivered(id, via);
  }

  private person(actor: ChatActor): Person | undefined {
    return this.deps.directory.resolve(actor.identity, actor.email);
  }

  private start(actor: ChatActor): Reply[] {
    const may = this.deps.workflow.mayFile(this.person(actor));
    if (!may.ok) return say(may.message);
    const person = may.value;
    const draft = this.deps.workflow.draftFor(person);
    const resumed = Object.keys(draft.fields).length > 0;
    const parsed = parseReportInput(draft.fields, this.deps.now());
    if (parsed.ok) return this.review(person, draft.id, actor.identity);
    const field = (draft.draftStep as keyof ReportFields | null) ?? firstInvalid(parsed.errors, draft.fields) ?? nextField(null, draft.fields);
    if (!field) return this.review(person, draft.id, actor.identity);
    this.deps.state.set(actor.identity, { flow: 'intake', reportId: draft.id, field });
    return [reply(text(intakeIntro(person, draft, resumed))), promptFor(field, draft.fields)];
  }

  private continueConversation(e: Extract<InboundEvent, { type: 'message' }>): Reply[] | undefined {
    const state = this.deps.state.get(e.actor.identity);
    if (!state) return undefined;
    if (state.flow === 'note') {
      this.deps.state.clear(e.actor.identity);
      return this.decide(e.actor, state.decision, state.number, e.text);
    }
    return this.answer(e.actor, state.reportId, state.field as keyof ReportFields, e.text);
  }

  private answer(actor: ChatActor, reportId: number, field: keyof ReportFields, raw: string): Reply[] {
    const person = this.person(actor);
    const report = person && this.deps.workflow.get(reportId);
    if (!person || !report || report.reporterId !== person.id) {
      this.deps.state.clear(actor.identity);
      return say('Kladden findes ikke længere. Skriv "fejl" for at starte forfra.');
    }
    const value = answerValue(field, raw, report.fields);
    const saved = this.deps.workflow.saveDraft(person, reportId, { [field]: value }, field);
    if (!saved.ok) {
      this.deps.state.clear(actor.identity);
      return say(saved.message);
    }
    const draft = saved.value.report.fields;
    const masked = saved.value.maskedFields.length ? `Jeg har skjult et CPR-nummer i dit svar. CPR-numre må ikke stå i fejlrapporter.\n\n` : '';
    const error = fieldError(field, { ...draft, [field]: draft[field] ?? value }, this.deps.now());
    if (error) return [promptFor(field, draft, `${masked}${error}`)];
    const next = nextField(field, draft);
    if (next) {
      this.deps.state.set(actor.identity, { flow: 'intake', reportId, field: next });
      this.deps.workflow.saveDraft(person, reportId, {}, next);
      const prompt = promptFor(next, draft);
      return masked ? [reply(text(masked.trim())), prompt] : [prompt];
    }
    return this.review(person, reportId, actor.identity);
  }

  private review(person: Person, reportId: number, identity?: string): Reply[] {
    const r = this.deps.workflow.submit(person, reportId, undefined, false);
    if (!r.ok) return say(r.message);
    return this.outcomeReplies(r.value, person, identity);
  }

  private outcomeReplies(o: SubmitOutcome, person: Person, identity?: string): Reply[] {
    if (o.kind === 'invalid') {
      const field = firstInvalid(o.errors, o.report.fields);
      if (identity && field) {
        this.deps.state.set(identity, { flow: 'intake', reportId: o.report.id, field });
        return [errorsReply(o.errors, o.maskedFields), promptFor(field, o.report.fields)];
      }
      return [errorsReply(o.errors, o.maskedFields)];
    }
    if (identity) this.deps.state.clear(identity);
    if (o.kind === 'review') return [reviewReply(o.review)];
    const seat = this.deps.directory.isSeatHolder(person.id, o.report.municipalityCode);
    return say(
      `Tak! Din fejlrapport har fået nummer **${o.report.number}** og er sendt til godkendelse hos kommunens supportberettigede.${seat ? ` Du er selv supportberettiget og kan sende den direkte til Netcompany med "godkend ${o.report.number}".` : ''}`,
    );
  }

  private choice(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const [field = '', key = ''] = e.value.split(':');
    const state = this.deps.state.get(e.actor.identity);
    if (!state || state.flow !== 'intake' || state.field !== field) return say('Det valg hører til et tidligere spørgsmål. Skriv "fejl" for at fortsætte din rapport.');
    return this.answer(e.actor, state.reportId, field as keyof ReportFields, key);
  }

  private confirm(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const person = this.person(e.actor);
    if (!person) return say('Du er ikke registreret i Aula-supporten.');
    const r = this.deps.workflow.submit(person, Number(e.value), undefined, true);
    return r.ok ? this.outcomeReplies(r.value, person, e.actor.identity) : say(r.message);
  }

  private sameError(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const person = this.person(e.actor);
    const [draftId = '', number = ''] = e.value.split(':');
    if (!person) return say('Du er ikke registreret i Aula-supporten.');
    const r = this.deps.workflow.sameError(person, Number(draftId), number);
    this.deps.state.clear(e.actor.identity);
    return r.ok ? say(sameErrorReply(r.value)) : say(r.message);
  }

  private status(actor: ChatActor): Reply[] {
    const person = this.person(actor);
    if (!person) return say(`Du har ingen fejlrapporter: du er ikke registreret i Aula-supporten. ${this.deps.directory.whomToAsk(undefined)}`);
    return [statusList(this.deps.workflow.listByReporter(person.id))];
  }

  private pending(actor: ChatActor): Reply[] {
    const person = this.person(actor);
    if (!person || !this.deps.directory.isSeatHolder(person.id, person.municipalityCode)) return say('Kun supportberettigede brugere behandler rapporter.');
    const list = this.deps.workflow.awaiting(person.municipalityCode);
    if (!list.length) return say('Ingen rapporter venter på en beslutning.');
    const m = this.deps.directory.municipality(person.municipalityCode);
    return list.map((r) => approvalCard(r, this.deps.directory.personById(r.reporterId), m?.name ?? r.municipalityCode));
  }

  private decideText(actor: ChatActor, decision: Decision, args: string): Reply[] {
    const [number = '', ...rest] = args.trim().split(/\s+/);
    if (!NUMBER.test(number)) return say(`Skriv rapportens nummer, fx "${decision === 'approve' ? 'godkend' : decision === 'reject' ? 'afvis' : 'info'} AULA-2026-000123${decision === 'approve' ? '' : ' <tekst>'}".`);
    return this.decide(actor, decision, number, rest.join(' '));
  }

  private decideAction(e: Extract<InboundEvent, { type: 'action' }>, decision: Decision): Reply[] {
    if (decision !== 'approve' && !e.text?.trim()) {
      // Ask for the reason only if the answer could be used: otherwise refuse now, revealing nothing.
      const person = this.person(e.actor);
      const actor = person && this.coreActor(person, e.actor);
      const visible = this.deps.workflow.view(actor, e.value);
      const gate = visible.ok ? this.deps.workflow.authorize(actor, `report.${decision}`, { municipalityCode: visible.value.municipalityCode, ownerId: visible.value.reporterId }) : visible;
      if (!gate.ok) return [{ ...reply(text(visible.ok ? 'Kun kommunens supportberettigede kan behandle rapporten.' : gate.message)), ephemeral: true }];
      this.deps.state.set(e.actor.identity, { flow: 'note', decision, number: e.value });
      return say(decision === 'reject' ? `Skriv begrundelsen for at afvise ${e.value}:` : `Skriv dit spørgsmål til indberetteren af ${e.value}:`);
    }
    return this.decide(e.actor, decision, e.value, e.text ?? '');
  }

  private coreActor(person: Person, actor: ChatActor): CoreActor {
    return { kind: 'person', person, identity: actor.identity };
  }

  /** `vis <nummer>`: the whole report, for its reporter and the municipality's seat holders and admins. */
  private show(actor: ChatActor, args: string): Reply[] {
    const number = args.trim();
    if (!number) return say('Skriv rapportens nummer, fx "vis AULA-2026-000123".');
    const person = this.person(actor);
    const r = this.deps.workflow.view(person && this.coreActor(person, actor), number);
    if (!r.ok) return say(r.message);
    const m = this.deps.directory.municipality(r.value.municipalityCode);
    const card = approvalCard(r.value, this.deps.directory.personById(r.value.reporterId), m?.name ?? r.value.municipalityCode, r.value.decidedBy ? this.deps.directory.personById(r.value.decidedBy) : undefined);
    const decider = person && this.deps.workflow.authorize(this.coreActor(person, actor), 'report.approve', { municipalityCode: r.value.municipalityCode, ownerId: r.value.reporterId }).ok;
    return [decider && r.value.status === 'submitted' ? card : { ...card, elements: card.elements.filter((e) => e.kind !== 'buttons') }];
  }

  private decide(actor: ChatActor, decision: Decision, number: string, note: string): Reply[] {
    const person = this.person(actor);
    if (!person) return say('Du er ikke registreret som supportberettiget, så du kan ikke behandle rapporter.');
    const r = this.deps.workflow.decide(this.coreActor(person, actor), number, decision, note);
    if (!r.ok) return [{ ...reply(text(r.message)), ephemeral: true }];
    const done = { approve: 'godkendt og sendes nu til Netcompany', reject: 'afvist', request_info: 'sendt tilbage til indberetteren med dit spørgsmål' }[decision];
    const m = this.deps.directory.municipality(r.value.municipalityCode);
    return [reply(text(`Rapport ${reportLabel(r.value)} er ${done}.`)), approvalCard(r.value, this.deps.directory.personById(r.value.reporterId), m?.name ?? '', person)];
  }

  private edit(actor: ChatActor, args: string): Reply[] {
    const person = this.person(actor);
    const visible = person ? this.deps.workflow.view(this.coreActor(person, actor), args.trim()) : undefined;
    const report = visible?.ok ? visible.value : undefined;
    if (!person || !report || !this.deps.workflow.authorize(this.coreActor(person, actor), 'report.edit', { municipalityCode: report.municipalityCode, ownerId: report.reporterId }).ok) {
      return say(`Du har ingen rapport med nummer ${escapeMarkdown(args.trim().slice(0, 40))}.`);
    }
    if (report.status !== 'needs_info') return say(`Rapport ${reportLabel(report)} kan ikke rettes nu (den er ${report.status === 'draft' ? 'en kladde – skriv "fejl"' : 'ikke sendt tilbage til dig'}).`);
    const field = nextField(null, report.fields)!;
    this.deps.state.set(actor.identity, { flow: 'intake', reportId: report.id, field });
    return [reply(text(`Du retter ${report.number}. Spørgsmålet var: ${escapeMarkdown(report.decisionNote ?? '')}\n\nSkriv "=" for at beholde et svar.`)), promptFor(field, report.fields)];
  }

  private withdraw(actor: ChatActor, args: string): Reply[] {
    const person = this.person(actor);
    if (!person) return say('Du er ikke registreret i Aula-supporten.');
    const r = this.deps.workflow.withdraw(person, args.trim());
    return r.ok ? say(`Rapport ${escapeMarkdown(args.trim())} er trukket tilbage.`) : say(r.message);
  }

  private cancel(actor: ChatActor): Reply[] {
    const had = this.deps.state.get(actor.identity);
    this.deps.state.clear(actor.identity);
    return say(had ? 'Stoppet. Det, du har skrevet, er gemt som kladde; skriv "fejl" for at fortsætte.' : 'Der er ingen dialog at stoppe.');
  }
}
