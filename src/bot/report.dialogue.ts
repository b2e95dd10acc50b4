import type { Person } from '../directory/directory.types.js';
import { AFFECTED_SCOPES, AULA_AREAS, PLATFORMS, PROFILE_TYPES, SEVERITIES, WORKED_BEFORE } from '../reports/report.fields.js';
import { displayValue, sentence } from '../reports/report.display.js';
import { REPORT_FIELD_HELP, REPORT_FIELD_LABELS } from '../reports/report.labels.js';
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
  setupChecked: { ja: 'Ja, det er tjekket', nej: 'Nej, ikke endnu' },
};

/**
 * The order of the chat dialogue: required questions first, each conditional question right
 * after the answer that decides it, the optional ones last (skippable).
 */
export const DIALOGUE_ORDER: Field[] = [
  'title', 'area', 'groupName', 'whatHappened', 'expected', 'steps', 'occurredDate', 'occurredTime', 'workedBefore',
  'platform', 'os', 'clientVersion', 'affectedNames', 'profileType', 'institutionName', 'institutionCode',
  'affectedScope', 'setupChecked', 'severity', 'errorText', 'otherUsers', 'attachments',
];

export const OPTIONAL: ReadonlySet<Field> = new Set<Field>(['errorText', 'otherUsers', 'attachments']);

/** Help that differs in chat, where Enter sends the message. */
const CHAT_HELP: Partial<Record<Field, string>> = {
  steps: 'Skriv trinene i én besked, adskilt af semikolon, fx: Åbn appen; tryk på Beskeder; vælg en besked',
};

/** Whether the dialogue asks for this field, given what is already known (undefined: not decided yet). */
function asksOrUndecided(field: Field, draft: ReportDraft): boolean | undefined {
  if (field === 'groupName') return draft.area === undefined ? undefined : draft.area === 'grupper';
  if (field === 'setupChecked') return draft.affectedScope === undefined ? undefined : draft.affectedScope === 'en' || draft.affectedScope === 'flere';
  // Other affected users only matter when more than one user is hit.
  if (field === 'otherUsers') return draft.affectedScope === undefined ? undefined : draft.affectedScope !== 'en';
  return true;
}

export function asks(field: Field, draft: ReportDraft): boolean {
  return asksOrUndecided(field, draft) === true;
}

export function nextField(after: Field | null, draft: ReportDraft): Field | null {
  const start = after === null ? 0 : DIALOGUE_ORDER.indexOf(after) + 1;
  for (const f of DIALOGUE_ORDER.slice(start)) if (asks(f, draft)) return f;
  return null;
}

/**
 * "n/total": questions not yet decided count, so the total only ever shrinks (by a conditional
 * question an answer made unnecessary) and n goes up by one per question.
 */
export function counter(field: Field, draft: ReportDraft): { n: number; total: number } {
  const counted = DIALOGUE_ORDER.filter((f) => f === field || asksOrUndecided(f, draft) !== false);
  return { n: counted.indexOf(field) + 1, total: counted.length };
}

/** The question for one field, with choice buttons where the answer is a choice. */
export function promptFor(field: Field, draft: ReportDraft, error?: string, opts: { editing?: boolean } = {}): Reply {
  const { n, total } = counter(field, draft);
  const helpText = CHAT_HELP[field] ?? REPORT_FIELD_HELP[field];
  const help = helpText ? ` _(${helpText})_` : '';
  const optional = OPTIONAL.has(field);
  const skip = optional ? ' Valgfrit: skriv "-" for at springe over.' : '';
  const shown = displayValue(field, draft);
  const current = shown !== undefined ? `\n\nNuværende svar: ${sentence(escapeMarkdown(shown.length > 300 ? `${shown.slice(0, 300)}…` : shown))}${opts.editing || error ? '' : ' Skriv "=" for at beholde det.'}` : '';
  const head = `${error ? `⚠️ ${error}\n\n` : ''}**${opts.editing ? '' : `${n}/${total}. `}${REPORT_FIELD_LABELS[field]}**${help}${skip}${current}`;
  const choices = FIELD_CHOICES[field];
  const list: Button[] = choices ? Object.entries(choices).map(([key, label]) => ({ actionId: INTAKE_CHOICE_ACTION, label, value: `${field}:${key}` })) : [];
  if (optional) list.push({ actionId: INTAKE_CHOICE_ACTION, label: 'Spring over', value: `${field}:-` });
  return list.length ? reply(text(head), buttons(list)) : reply(text(head));
}

/** Turn a typed answer into a draft value for `field` (validation happens on the whole draft). "=" and "-" are never values. */
export function answerValue(field: Field, raw: string, draft: ReportDraft): unknown {
  const t = raw.trim();
  if (t === '=') return draft[field] ?? '';
  if (t === '-' || (OPTIONAL.has(field) && /^(spring over|ingen|nej)$/i.test(t))) return field === 'attachments' ? [] : '';
  if (field === 'setupChecked') return /^(ja|j|yes|y|true|1)\b/i.test(t) ? true : /^(nej|n|no|false|0|2)\b/i.test(t) ? false : t;
  const choices = FIELD_CHOICES[field];
  if (choices && /^\d+$/.test(t)) {
    const key = Object.keys(choices)[Number(t) - 1];
    if (key) return key;
  }
  // Enter sends the message, so steps come separated by semicolons: one step per line in the report.
  if (field === 'steps' && t.includes(';')) return t.split(';').map((s) => s.trim()).filter(Boolean).join('\n');
  return t;
}

/** The error for one field after merging its answer, if any. */
export function fieldError(field: Field, draft: ReportDraft, now: Date): string | undefined {
  const parsed = parseReportInput(draft, now);
  return parsed.ok ? undefined : parsed.errors[field];
}

/** First field (in dialogue order) that still has an error. */
export function firstInvalid(errors: Partial<Record<Field, string>>, draft: ReportDraft): Field | undefined {
  return DIALOGUE_ORDER.find((f) => errors[f] !== undefined && asks(f, draft));
}

export function intakeIntro(person: Person, report: Report, resumed: boolean): string {
  return resumed
    ? `Du fortsætter din kladde (${report.fields.title ? `"${escapeMarkdown(report.fields.title)}"` : 'uden titel'}). Skriv "annuller" for at stoppe (kladden gemmes) eller "kassér" for at smide kladden væk og starte forfra.`
    : `Hej ${escapeMarkdown(person.name.split(' ')[0] ?? '')}. Jeg stiller dig nogle spørgsmål om fejlen, så Netcompany får alt, hvad de skal bruge. De påkrævede spørgsmål kommer først, de valgfrie til sidst. Dine svar gemmes løbende som kladde; skriv "annuller" for at stoppe og fortsætte senere.\n\nHusk: skriv fulde navne (ikke UNI-login), og skriv aldrig CPR-numre.`;
}
