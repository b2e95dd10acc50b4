import type { Person } from '../directory/directory.types.js';
import { AFFECTED_SCOPES, AULA_AREAS, PLATFORMS, PROFILE_TYPES, SEVERITIES, WORKED_BEFORE } from '../reports/report.fields.js';
import { REPORT_FIELD_HELP, REPORT_FIELD_LABELS, REPORT_FIELD_ORDER } from '../reports/report.labels.js';
import { parseReportInput, type ReportDraft, type ReportFields } from '../reports/report.schema.js';
import type { Report } from '../reports/report.types.js';
import { escapeMarkdown } from '../text/markup.js';
import { buttons, reply, text, type Button, type Reply } from './bot.types.js';

export const INTAKE_CHOICE_ACTION = 'report.intake.choice';

type Field = keyof ReportFields;

/** Choices per choice field: key → Danish label. */
export const FIELD_CHOICES: Partial<Record<Field, Record<string, string>>> = {
  area: AULA_AREAS,
  workedBefore: WORKED_BEFORE,
  platform: PLATFORMS,
  profileType: PROFILE_TYPES,
  affectedScope: AFFECTED_SCOPES,
  severity: Object.fromEntries(Object.entries(SEVERITIES).map(([k, v]) => [k, `${v.label} – ${v.help}`])),
  setupChecked: { ja: 'Ja, det er tjekket', nej: 'Nej' },
};

const OPTIONAL: ReadonlySet<Field> = new Set<Field>(['errorText', 'otherUsers', 'attachments', 'groupName']);

/** Whether the dialogue asks for this field, given what is already known. */
export function asks(field: Field, draft: ReportDraft): boolean {
  if (field === 'groupName') return draft.area === 'grupper';
  if (field === 'setupChecked') return draft.affectedScope === 'en' || draft.affectedScope === 'flere';
  return true;
}

export function nextField(after: Field | null, draft: ReportDraft): Field | null {
  const start = after === null ? 0 : REPORT_FIELD_ORDER.indexOf(after) + 1;
  for (const f of REPORT_FIELD_ORDER.slice(start)) if (asks(f, draft)) return f;
  return null;
}

/** The question for one field, with choice buttons where the answer is a choice. */
export function promptFor(field: Field, draft: ReportDraft, error?: string): Reply {
  const n = REPORT_FIELD_ORDER.filter((f) => asks(f, draft)).indexOf(field) + 1;
  const total = REPORT_FIELD_ORDER.filter((f) => asks(f, draft)).length;
  const help = REPORT_FIELD_HELP[field] ? ` _(${REPORT_FIELD_HELP[field]})_` : '';
  const skip = OPTIONAL.has(field) && field !== 'groupName' ? ' Skriv "-" for at springe over.' : '';
  const current = draft[field] !== undefined && draft[field] !== '' ? `\n\nNuværende svar: ${escapeMarkdown(String(draft[field]))}. Skriv "=" for at beholde det.` : '';
  const head = `${error ? `⚠️ ${error}\n\n` : ''}**${n}/${total}. ${REPORT_FIELD_LABELS[field]}**${help}${skip}${current}`;
  const choices = FIELD_CHOICES[field];
  if (!choices) return reply(text(head));
  const list: Button[] = Object.entries(choices).map(([key, label]) => ({ actionId: INTAKE_CHOICE_ACTION, label, value: `${field}:${key}` }));
  return reply(text(head), buttons(list));
}

/** Turn a typed answer into a draft value for `field` (validation happens on the whole draft). */
export function answerValue(field: Field, raw: string, draft: ReportDraft): unknown {
  const t = raw.trim();
  if (t === '=' && draft[field] !== undefined) return draft[field];
  if (t === '-' && OPTIONAL.has(field)) return field === 'attachments' ? [] : '';
  if (field === 'setupChecked') return /^(ja|j|yes|y|true|1)$/i.test(t) ? true : /^(nej|n|no|false|0)$/i.test(t) ? false : t;
  const choices = FIELD_CHOICES[field];
  if (choices && /^\d+$/.test(t)) {
    const key = Object.keys(choices)[Number(t) - 1];
    if (key) return key;
  }
  return t;
}

/** The error for one field after merging its answer, if any. */
export function fieldError(field: Field, draft: ReportDraft, now: Date): string | undefined {
  const parsed = parseReportInput(draft, now);
  return parsed.ok ? undefined : parsed.errors[field];
}

/** First field (in dialogue order) that still has an error. */
export function firstInvalid(errors: Partial<Record<Field, string>>, draft: ReportDraft): Field | undefined {
  return REPORT_FIELD_ORDER.find((f) => errors[f] !== undefined && asks(f, draft));
}

export function intakeIntro(person: Person, report: Report, resumed: boolean): string {
  return resumed
    ? `Du fortsætter din kladde (${report.fields.title ? `"${escapeMarkdown(report.fields.title)}"` : 'uden titel'}). Skriv "annuller" for at stoppe; kladden gemmes.`
    : `Hej ${escapeMarkdown(person.name.split(' ')[0] ?? '')}. Jeg stiller dig nogle spørgsmål om fejlen, så Netcompany får alt, hvad de skal bruge. Dine svar gemmes løbende som kladde; skriv "annuller" for at stoppe og fortsætte senere.\n\nHusk: skriv fulde navne (ikke UNI-login), og skriv aldrig CPR-numre.`;
}
