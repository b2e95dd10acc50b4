import type { Person } from '../directory/directory.types.js';
import { parseReportInput, type ReportFields } from '../reports/report.schema.js';
import type { SubmitOutcome } from '../workflow/report.submission.js';
import { buttons, reply, text, type Actor as ChatActor, type InboundEvent, type Reply } from './bot.types.js';
import { errorsReply, reviewReply } from './intake.replies.js';
import { DIALOGUE_ORDER, INTAKE_CHOICE_ACTION, answerValue, asks, fieldError, firstInvalid, intakeIntro, nextField, promptFor } from './report.dialogue.js';
import { sameErrorReply } from '../workflow/same-error.js';
import { editMenu } from './edit.commands.js';
import type { ReportCommandContext } from './report.commands.js';

const say = (markdown: string): Reply[] => [reply(text(markdown))];

/** Filing a report in chat: the step-by-step intake, the review before submission, and "same error here". */
export class IntakeCommands {
  constructor(private readonly ctx: ReportCommandContext) {}

  start(actor: ChatActor): Reply[] {
    const may = this.ctx.workflow.mayFile(this.ctx.person(actor));
    if (!may.ok) return say(may.message);
    const person = may.value;
    const draft = this.ctx.workflow.draftFor(person);
    const resumed = Object.keys(draft.fields).length > 0;
    const parsed = parseReportInput(draft.fields, this.ctx.now());
    if (parsed.ok) return this.review(person, draft.id, actor.identity);
    const field = (draft.draftStep as keyof ReportFields | null) ?? firstInvalid(parsed.errors, draft.fields) ?? nextField(null, draft.fields);
    if (!field) return this.review(person, draft.id, actor.identity);
    this.ctx.state.set(actor.identity, { flow: 'intake', reportId: draft.id, field });
    return [reply(text(intakeIntro(person, draft, resumed))), promptFor(field, draft.fields)];
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

  answer(actor: ChatActor, reportId: number, field: keyof ReportFields, raw: string, editing = false): Reply[] {
    const person = this.ctx.person(actor);
    const report = person && this.ctx.workflow.get(reportId);
    if (!person || !report || report.reporterId !== person.id) {
      this.ctx.state.clear(actor.identity);
      return say('Kladden findes ikke længere. Skriv "fejl" for at starte forfra.');
    }
    const value = answerValue(field, raw, report.fields);
    const saved = this.ctx.workflow.saveDraft(person, reportId, { [field]: value }, field);
    if (!saved.ok) {
      this.ctx.state.clear(actor.identity);
      return say(saved.message);
    }
    const draft = saved.value.report.fields;
    const masked = saved.value.maskedFields.length ? `Jeg har skjult et CPR-nummer i dit svar. CPR-numre må ikke stå i fejlrapporter.\n\n` : '';
    if (field === 'setupChecked' && draft.setupChecked === false) return this.setupNotChecked();
    const error = fieldError(field, { ...draft, [field]: draft[field] ?? value }, this.ctx.now());
    if (error) return [promptFor(field, draft, `${masked}${error}`, { editing })];
    if (editing) {
      // A changed answer can make a conditional question necessary (Grupper → the group's name).
      const missing = DIALOGUE_ORDER.find((f) => asks(f, draft) && fieldError(f, draft, this.ctx.now()) !== undefined && (f === 'groupName' || f === 'setupChecked'));
      if (missing) {
        this.ctx.state.set(actor.identity, { flow: 'intake', reportId, field: missing, edit: true });
        return [promptFor(missing, draft, undefined, { editing: true })];
      }
      this.ctx.state.clear(actor.identity);
      return editMenu(saved.value.report, masked ? masked.trim() : 'Gemt.');
    }
    const next = nextField(field, draft);
    if (next) {
      this.ctx.state.set(actor.identity, { flow: 'intake', reportId, field: next });
      this.ctx.workflow.saveDraft(person, reportId, {}, next);
      const prompt = promptFor(next, draft);
      return masked ? [reply(text(masked.trim())), prompt] : [prompt];
    }
    return this.review(person, reportId, actor.identity);
  }

  review(person: Person, reportId: number, identity?: string): Reply[] {
    const r = this.ctx.workflow.submit(person, reportId, undefined, false);
    if (!r.ok) return say(r.message);
    return this.outcomeReplies(r.value, person, identity);
  }

  private outcomeReplies(o: SubmitOutcome, person: Person, identity?: string): Reply[] {
    if (o.kind === 'invalid') {
      const field = firstInvalid(o.errors, o.report.fields);
      if (identity && field) {
        this.ctx.state.set(identity, { flow: 'intake', reportId: o.report.id, field });
        return [errorsReply(o.errors, o.maskedFields), promptFor(field, o.report.fields)];
      }
      return [errorsReply(o.errors, o.maskedFields)];
    }
    if (identity) this.ctx.state.clear(identity);
    if (o.kind === 'review') return [reviewReply(o.review)];
    const seat = this.ctx.directory.isSeatHolder(person.id, o.report.municipalityCode);
    return say(
      `Tak! Din fejlrapport har fået nummer **${o.report.number}** og er sendt til godkendelse hos kommunens supportberettigede.${seat ? ` Du er selv supportberettiget og kan sende den direkte til Netcompany med "godkend ${o.report.number}".` : ''}`,
    );
  }

  choice(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const [field = '', key = ''] = e.value.split(':');
    const state = this.ctx.state.get(e.actor.identity);
    if (!state || state.flow !== 'intake' || state.field !== field) return say('Det valg hører til et tidligere spørgsmål. Skriv "fejl" for at fortsætte din rapport.');
    if (field === 'setupChecked' && key === 'scope') {
      this.ctx.state.set(e.actor.identity, { flow: 'intake', reportId: state.reportId, field: 'affectedScope', ...(state.edit ? { edit: true } : {}) });
      const report = this.ctx.workflow.get(state.reportId);
      return [promptFor('affectedScope', report?.fields ?? {}, undefined, { editing: true })];
    }
    return this.answer(e.actor, state.reportId, field as keyof ReportFields, key, state.edit);
  }

  confirm(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const person = this.ctx.person(e.actor);
    if (!person) return say('Du er ikke registreret i Aula-supporten.');
    const r = this.ctx.workflow.submit(person, Number(e.value), undefined, true);
    return r.ok ? this.outcomeReplies(r.value, person, e.actor.identity) : say(r.message);
  }

  sameError(e: Extract<InboundEvent, { type: 'action' }>): Reply[] {
    const person = this.ctx.person(e.actor);
    const [draftId = '', number = ''] = e.value.split(':');
    if (!person) return say('Du er ikke registreret i Aula-supporten.');
    const r = this.ctx.workflow.sameError(person, Number(draftId), number);
    this.ctx.state.clear(e.actor.identity);
    return r.ok ? say(sameErrorReply(r.value)) : say(r.message);
  }
}
