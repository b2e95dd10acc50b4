import type { DirectoryService } from '../directory/directory.service.js';
import type { Actor as CoreActor, Person } from '../directory/directory.types.js';
import { approvalCard, REPORT_ACTIONS } from '../reports/report.replies.js';
import { parseReportInput, type ReportFields } from '../reports/report.schema.js';
import { reportLabel, type Report } from '../reports/report.types.js';
import { escapeMarkdown } from '../text/markup.js';
import { normaliseReportNumber } from '../reports/report.number.js';
import { displayValue } from '../reports/report.display.js';
import { REPORT_FIELD_LABELS } from '../reports/report.labels.js';
import type { SqliteConversationState } from '../store/sqlite/conversation-state.sqlite-repository.js';
import type { SqliteNotifications } from '../store/sqlite/notification.sqlite-repository.js';
import type { ReportWorkflow } from '../workflow/report.workflow.js';
import type { Decision } from '../workflow/report.decisions.js';
import type { SubmitOutcome } from '../workflow/report.submission.js';
import type { Bot } from './bot.js';
import { buttons, reply, text, type Actor as ChatActor, type Button, type InboundEvent, type Reply } from './bot.types.js';
import { errorsReply, reviewReply, statusList } from './intake.replies.js';
import { DIALOGUE_ORDER, INTAKE_CHOICE_ACTION, answerValue, asks, fieldError, firstInvalid, intakeIntro, nextField, promptFor } from './report.dialogue.js';
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
const REPORT_ARG = /^(?:#?\d{1,6}|(?:AULA-)?\d{4}-\d{1,6})(?:\s|$)/i;

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
    c.register({ id: 'report.edit', argsPattern: REPORT_ARG, aliases: ['ret'], usage: 'ret <nummer>', takesArgs: true, description: 'retter en rapport, du er blevet spurgt om', run: ({ actor, args, conversation }) => this.edit(actor, args, conversation.channel) });
    c.register({ id: 'report.withdraw', argsPattern: REPORT_ARG, aliases: ['tilbagekald'], usage: 'tilbagekald <nummer>', takesArgs: true, description: 'trækker din rapport tilbage, før den er behandlet', run: ({ actor, args }) => this.withdraw(actor, args) });
    c.register({ id: 'report.discard', aliases: ['kassér', 'kasser', 'kasér'], usage: 'kassér', takesArgs: false, interruptsDialogue: true, description: 'smider din kladde væk, så du kan starte forfra', run: ({ actor }) => this.discard(actor) });
    c.register({ id: 'dialogue.cancel', aliases: ['annuller', 'stop'], usage: 'annuller', takesArgs: false, interruptsDialogue: true, description: 'stopper den igangværende dialog (kladden gemmes)', run: ({ actor }) => this.cancel(actor) });

    bot.onAction(REPORT_ACTIONS.approve, (e) => this.decideAction(e, 'approve'));
    bot.onAction(REPORT_ACTIONS.reject, (e) => this.decideAction(e, 'reject'));
    bot.onAction(REPORT_ACTIONS.requestInfo, (e) => this.decideAction(e, 'request_info'));
    bot.onAction(REPORT_ACTIONS.submit, (e) => this.confirm(e));
    bot.onAction(REPORT_ACTIONS.sameError, (e) => this.sameError(e));
    bot.onAction(REPORT_ACTIONS.saveDraft, () => say('Kladden er gemt. Skriv "fejl", når du vil gøre den færdig.'));
    bot.onAction(INTAKE_CHOICE_ACTION, (e) => this.choice(e));
    bot.onAction(REPORT_ACTIONS.edit, (e) => this.editAction(e));
    bot.onAction(REPORT_ACTIONS.editField, (e) => this.editField(e));
    bot.onAction(REPORT_ACTIONS.review, (e) => this.reviewAction(e));
    bot.onAction(REPORT_ACTIONS.discard, (e) => this.discard(e.actor, Number(e.value)));
    bot.onAction(REPORT_ACTIONS.show, (e) => this.show(e.actor, e.value));
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
    return this.answer(e.actor, state.reportId, state.field as keyof ReportFields, e.text, state.edit);
  }

  /** "Nej" to the set-up check is not a dead end: say what to do, keep the draft, offer the way on. */
  private setupNotChecked(): Reply[] {
    return [
      reply(
        text(
          'Så skal brugerens opsætning tjekkes i kommunens administrative systemer, før rapporten kan sendes: mange fejl hos én bestemt bruger skyldes opsætningen, og dem kan Netcompany ikke rette.\n\nDin kladde er gemt. Når du har tjekket opsætningen, så vælg "Ja, nu er det tjekket" (eller skriv "fejl" senere for at fortsætte herfra). Er det ikke bestemte brugere, men en hel institution eller kommune, så ret "Hvor mange er ramt?".',
        ),
        buttons([
          { actionId: INTAKE_CHOICE_ACTION, label: 'Ja, nu er det tjekket', value: 'setupChecked:ja', style: 'primary' },
          { actionId: INTAKE_CHOICE_ACTION, label: 'Ret "Hvor mange er ramt?"', value: 'setupChecked:scope' },
        ]),
      ),
    ];
  }

  private answer(actor: ChatActor, reportId: number, field: keyof ReportFields, raw: string, editing = false): Reply[] {
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
    if (field === 'setupChecked' && draft.setupChecked === false) return this.setupNotChecked();
    const error = fieldError(field, { ...draft, [field]: draft[field] ?? value }, this.deps.now());
    if (error) return [promptFor(field, draft, `${masked}${error}`, { editing })];
    if (editing) {
      // A changed answer can make a conditional question necessary (Grupper → the group's name).
      const missing = DIALOGUE_ORDER.find((f) => asks(f, draft) && fieldError(f, draft, this.deps.now()) !== undefined && (f === 'groupName' || f === 'setupChecked'));
      if (missing) {
        this.deps.state.set(actor.identity, { flow: 'intake', reportId, field: missing, edit: true });
        return [promptFor(missing, draft, undefined, { editing: true })];
      }
      this.deps.state.clear(actor.identity);
      return this.editMenu(saved.value.report, masked ? masked.trim() : 'Gemt.');
    }
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
    if (field === 'setupChecked' && key === 'scope') {
      this.deps.state.set(e.actor.identity, { flow: 'intake', reportId: state.reportId, field: 'affectedScope', ...(state.edit ? { edit: true } : {}) });
      const report = this.deps.workflow.get(state.reportId);
      return [promptFor('affectedScope', report?.fields ?? {}, undefined, { editing: true })];
    }
    return this.answer(e.actor, state.reportId, field as keyof ReportFields, key, state.edit);
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
    const [first = '', ...rest] = args.trim().split(/\s+/);
    const number = this.num(first);
    if (!NUMBER.test(number)) return say(`Skriv rapportens nummer, fx "${decision === 'approve' ? 'godkend' : decision === 'reject' ? 'afvis' : 'info'} AULA-2026-000123${decision === 'approve' ? '' : ' <tekst>'}".`);
    // "afvis AULA-…" without a reason: the next line is the reason, not a question for the FAQ.
    if (decision !== 'approve' && !rest.join(' ').trim()) return this.askNote(actor, decision, number);
    return this.decide(actor, decision, number, rest.join(' '));
  }

  private decideAction(e: Extract<InboundEvent, { type: 'action' }>, decision: Decision): Reply[] {
    if (decision !== 'approve' && !e.text?.trim()) return this.askNote(e.actor, decision, e.value);
    return this.decide(e.actor, decision, e.value, e.text ?? '');
  }

  /** Wait for the reason or question, but only if it could be used: otherwise refuse now, revealing nothing. */
  private askNote(chatActor: ChatActor, decision: Exclude<Decision, 'approve'>, number: string): Reply[] {
    const person = this.person(chatActor);
    const actor = person && this.coreActor(person, chatActor);
    const visible = this.deps.workflow.view(actor, number);
    const gate = visible.ok ? this.deps.workflow.authorize(actor, `report.${decision}`, { municipalityCode: visible.value.municipalityCode, ownerId: visible.value.reporterId }) : visible;
    if (!gate.ok) return [{ ...reply(text(visible.ok ? 'Kun kommunens supportberettigede kan behandle rapporten.' : gate.message)), ephemeral: true }];
    if (visible.ok && visible.value.status !== 'submitted') return this.decide(chatActor, decision, number, '-');
    this.deps.state.set(chatActor.identity, { flow: 'note', decision, number });
    return say(decision === 'reject' ? `Skriv begrundelsen for at afvise ${number} i din næste besked (eller "annuller"):` : `Skriv dit spørgsmål til indberetteren af ${number} i din næste besked (eller "annuller"):`);
  }

  /** One accepted form of a report number everywhere: 12, #12, 000012, 2026-12, AULA-2026-000012. */
  private num(text: string): string {
    return normaliseReportNumber(text, this.deps.now().getUTCFullYear()) ?? text.trim();
  }

  private coreActor(person: Person, actor: ChatActor): CoreActor {
    return { kind: 'person', person, identity: actor.identity };
  }

  /** `vis <nummer>`: the whole report, for its reporter and the municipality's seat holders and admins. */
  private show(actor: ChatActor, args: string): Reply[] {
    const number = this.num(args);
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

  /** A report the actor may change now (their own draft, or their report sent back), or a refusal that reveals nothing. */
  editable(actor: ChatActor, ref: string): { ok: true; report: Report; person: Person } | { ok: false; message: string } {
    if (!ref.trim()) return { ok: false, message: 'Skriv rapportens nummer, fx "ret AULA-2026-000123".' };
    const person = this.person(actor);
    const byId = /^\d+$/.test(ref.trim());
    const report = !person ? undefined : byId ? this.deps.workflow.get(Number(ref)) : (() => {
      const v = this.deps.workflow.view(this.coreActor(person, actor), ref.trim());
      return v.ok ? v.value : undefined;
    })();
    if (!person || !report || report.reporterId !== person.id || !this.deps.workflow.authorize(this.coreActor(person, actor), report.status === 'draft' ? 'draft.view' : 'report.edit', { municipalityCode: report.municipalityCode, ownerId: report.reporterId }).ok) {
      return { ok: false, message: `Du har ingen rapport med nummer ${ref.trim().slice(0, 40)}.` };
    }
    if (report.status !== 'needs_info' && report.status !== 'draft') return { ok: false, message: `Rapport ${reportLabel(report)} kan ikke rettes nu (den er ikke sendt tilbage til dig).` };
    return { ok: true, report, person };
  }

  /** The terminal's edit form: a numbered list of the fields with their current answers (never internal codes). */
  private editMenu(report: Report, headline?: string): Reply[] {
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

  private editAction(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const r = this.editable(e.actor, e.value);
    if (!r.ok) return say(r.message);
    this.deps.state.clear(e.actor.identity);
    return this.editMenu(r.report);
  }

  private editField(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const [id = '', field = ''] = e.value.split(':');
    const r = this.editable(e.actor, id);
    if (!r.ok) return say(r.message);
    if (!DIALOGUE_ORDER.includes(field as keyof ReportFields)) return say('Det felt kender jeg ikke.');
    this.deps.state.set(e.actor.identity, { flow: 'intake', reportId: r.report.id, field, edit: true });
    return [promptFor(field as keyof ReportFields, r.report.fields, undefined, { editing: true })];
  }

  private reviewAction(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const r = this.editable(e.actor, e.value);
    if (!r.ok) return say(r.message);
    return this.review(r.person, r.report.id, e.actor.identity);
  }

  /** `kassér` / "Annuller": a draft is thrown away; a report sent back is left as it is (it can be withdrawn). */
  private discard(actor: ChatActor, reportId?: number): Reply[] {
    const person = this.person(actor);
    this.deps.state.clear(actor.identity);
    if (!person) return say('Du har ingen kladde.');
    const target = reportId !== undefined ? this.deps.workflow.get(reportId) : this.deps.workflow.openDraft(person);
    if (target && target.reporterId === person.id && target.status === 'needs_info') {
      return say(`Rapport ${target.number} er ikke sendt igen. Skriv "ret ${target.number}", når du vil gøre den færdig, eller "tilbagekald ${target.number}" for at trække den tilbage.`);
    }
    // A button naming someone else's report throws nothing away, not even the clicker's own draft.
    if (reportId !== undefined && (!target || target.reporterId !== person.id)) return say('Du har ingen kladde at kassere.');
    const r = this.deps.workflow.discardDraft(person, target?.id);
    return say(r.ok ? 'Kladden er kasseret. Skriv "fejl", når du vil oprette en ny fejlrapport.' : r.message);
  }

  private edit(actor: ChatActor, args: string, channel = ''): Reply[] {
    if (!args.trim()) return say('Skriv rapportens nummer, fx "ret AULA-2026-000123".');
    const person = this.person(actor);
    const visible = person ? this.deps.workflow.view(this.coreActor(person, actor), this.num(args)) : undefined;
    const report = visible?.ok ? visible.value : undefined;
    if (!person || !report || !this.deps.workflow.authorize(this.coreActor(person, actor), 'report.edit', { municipalityCode: report.municipalityCode, ownerId: report.reporterId }).ok) {
      return say(`Du har ingen rapport med nummer ${escapeMarkdown(args.trim().slice(0, 40))}.`);
    }
    if (report.status !== 'needs_info') return say(`Rapport ${reportLabel(report)} kan ikke rettes nu (den er ${report.status === 'draft' ? 'en kladde – skriv "fejl"' : 'ikke sendt tilbage til dig'}).`);
    this.deps.state.clear(actor.identity);
    // Slack opens its form (a modal) only from a click: offer the same form as filing first.
    const form: Reply[] = channel === 'slack' ? [reply(text(`Ret ${report.number} i den samme formular, som du oprettede den i:`), buttons([{ actionId: REPORT_ACTIONS.edit, label: 'Åbn formularen', value: String(report.id), style: 'primary' }]))] : [];
    return [...form, ...this.editMenu(report)];
  }

  private withdraw(actor: ChatActor, args: string): Reply[] {
    const person = this.person(actor);
    if (!person) return say('Du er ikke registreret i Aula-supporten.');
    const r = this.deps.workflow.withdraw(person, this.num(args));
    return r.ok ? say(`Rapport ${r.value.number ?? ''} er trukket tilbage.`) : say(r.message);
  }

  private cancel(actor: ChatActor): Reply[] {
    const had = this.deps.state.get(actor.identity);
    this.deps.state.clear(actor.identity);
    return say(had ? 'Stoppet. Det, du har skrevet, er gemt som kladde; skriv "fejl" for at fortsætte.' : 'Der er ingen dialog at stoppe.');
  }
}
