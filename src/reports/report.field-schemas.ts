import { z } from 'zod';
import { CPR_MASK } from '../privacy/cpr.js';
import { fold } from '../text/normalize.js';
import { REPORT_CHOICE_LABELS } from './report.labels.js';
import { AFFECTED_SCOPES, AULA_AREAS, PLATFORMS, PROFILE_TYPES, WORKED_BEFORE } from './report.fields.js';
import { toBool, toList, toText } from './report.coerce.js';
import { dateSchema, timeSchema } from './report.date-time.js';
import type { ReportFields } from './report.schema.js';

/** The zod schema of each report field, with its limits and its Danish messages. */

export const MAX_TITLE_CHARS = 120;
export const MAX_TEXT_CHARS = 4000;
export const MAX_ATTACHMENTS = 5;
export const MAX_URL_CHARS = 2000;

const danishNumber = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** Length as the user typed it: a masked CPR number counts as the ten digits it replaced, not the longer mask. */
function charCount(s: string): number {
  const typed = s.split(CPR_MASK).join('0123456789');
  return rawCount(typed);
}

function rawCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

/** What the user typed, shortened for quoting in an error message. */
function quote(s: string): string {
  const chars = Array.from(s.slice(0, 100));
  return `«${chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : chars.join('')}»`;
}

const choiceKey = (s: string): string => fold(s).replace(/[^a-z0-9]+/g, ' ').trim();

function textSchema(noun: string, max: number, missing: string) {
  return z
    .string({ required_error: missing, invalid_type_error: 'Skriv almindelig tekst her.' })
    .superRefine((s, ctx) => {
      const n = charCount(s);
      if (n > max) ctx.addIssue({ code: 'custom', message: `${noun} må højst være ${danishNumber(max)} tegn (du har skrevet ${danishNumber(n)}).` });
    });
}
const requiredText = (noun: string, max: number, missing: string) => z.preprocess(toText, textSchema(noun, max, missing));
const optionalText = (noun: string, max: number) => z.preprocess(toText, textSchema(noun, max, '').optional());

function choice<K extends string>(labels: Record<K, string>) {
  const keys = Object.keys(labels) as [K, ...K[]];
  const byName = new Map<string, K>();
  for (const k of keys) {
    byName.set(choiceKey(k), k);
    byName.set(choiceKey(labels[k]), k);
  }
  const list = `Vælg et af: ${keys.map((k) => labels[k]).join(', ')}.`;
  return z.preprocess(
    (v) => {
      const t = toText(v);
      return typeof t === 'string' && t.length <= 100 ? (byName.get(choiceKey(t)) ?? t) : t;
    },
    z.enum(keys, {
      errorMap: (issue) => ({ message: issue.code === 'invalid_enum_value' && typeof issue.received === 'string' ? `${quote(issue.received)} er ikke et af valgene. ${list}` : list }),
    }),
  );
}

/** Stored (and forwarded) when the superuser cannot find the institution code. */
export const INSTITUTION_CODE_UNKNOWN = 'Ved ikke';
const UNKNOWN_WORDS = new Set(['ved ikke', 'ved ik', 'vedikke', 'ukendt', 'kender den ikke']);

const institutionCodeSchema = z.preprocess(
  toText,
  z
    .string({ required_error: 'Skriv institutionskoden, fx 280123.', invalid_type_error: 'Skriv institutionskoden, fx 280123.' })
    .transform((s) => (UNKNOWN_WORDS.has(fold(s).replace(/[.!]+$/, '')) ? INSTITUTION_CODE_UNKNOWN : s))
    .superRefine((s, ctx) => {
      if (s !== INSTITUTION_CODE_UNKNOWN && !/^[A-Za-z0-9]{3,10}$/.test(s)) ctx.addIssue({ code: 'custom', message: `Institutionskoden skal være 3–10 bogstaver (a–z) eller tal uden mellemrum, fx 280123. Du har skrevet ${quote(s)}.` });
    }),
);

const affectedNamesSchema = requiredText('Navnene', 2000, 'Skriv de fulde navne på de brugere, der er ramt.').superRefine((s, ctx) => {
  if (/\d/.test(s)) ctx.addIssue({ code: 'custom', message: 'Skriv brugernes fulde navne (fx Anna Jensen), ikke UNI-login-brugernavne eller andre numre.' });
});

const setupCheckedSchema = z.preprocess(toBool, z.boolean({ invalid_type_error: 'Svar ja eller nej.' }).optional());

function isHttpUrl(s: string): boolean {
  if (s.length > MAX_URL_CHARS) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const attachmentsSchema = z.preprocess(
  toList,
  z
    .array(z.string({ invalid_type_error: 'Skriv hvert link som tekst.' }), { invalid_type_error: 'Skriv links, ét pr. linje.' })
    .superRefine((urls, ctx) => {
      if (urls.length > MAX_ATTACHMENTS) {
        ctx.addIssue({ code: 'custom', message: `Du kan højst vedhæfte ${MAX_ATTACHMENTS} links (du har ${urls.length}). Fjern ${urls.length - MAX_ATTACHMENTS}.` });
        return;
      }
      urls.forEach((u, i) => {
        if (!isHttpUrl(u)) ctx.addIssue({ code: 'custom', message: `Link ${i + 1} (${quote(u)}) er ikke et gyldigt link. Skriv hele adressen, der starter med https://.` });
      });
    })
    .optional(),
);

type FieldSchemas = { [K in keyof ReportFields]-?: z.ZodType<ReportFields[K] | undefined, z.ZodTypeDef, unknown> };

/** The schemas depend only on today's date; building them costs more than using them, so keep the last. */
let cachedSchemas: { today: string; schemas: FieldSchemas } | undefined;
export function fieldSchemas(today: string): FieldSchemas {
  if (cachedSchemas?.today !== today) cachedSchemas = { today, schemas: buildFieldSchemas(today) };
  return cachedSchemas.schemas;
}

function buildFieldSchemas(today: string): FieldSchemas {
  return {
    title: requiredText('Titlen', MAX_TITLE_CHARS, 'Skriv en kort titel, der beskriver fejlen.'),
    area: choice(AULA_AREAS),
    whatHappened: requiredText('Beskrivelsen af hvad der skete', MAX_TEXT_CHARS, 'Beskriv hvad der skete.'),
    expected: requiredText('Beskrivelsen af hvad du forventede', MAX_TEXT_CHARS, 'Beskriv hvad du forventede, der ville ske.'),
    steps: requiredText('Trinene', MAX_TEXT_CHARS, 'Skriv trinene, så fejlen kan genskabes.'),
    errorText: optionalText('Fejlbeskeden', MAX_TEXT_CHARS),
    occurredDate: dateSchema(today),
    occurredTime: timeSchema,
    workedBefore: choice(WORKED_BEFORE),
    platform: choice(PLATFORMS),
    os: requiredText('Styresystemet', 100, 'Skriv styresystem og version, fx iOS 17.4 eller Windows 11.'),
    clientVersion: requiredText('Browser/app-versionen', 100, 'Skriv browser og version (fx Chrome 126) eller app-versionen.'),
    affectedNames: affectedNamesSchema,
    profileType: choice(PROFILE_TYPES),
    institutionName: requiredText('Institutionens navn', 200, 'Skriv institutionens navn.'),
    institutionCode: institutionCodeSchema,
    affectedScope: choice(AFFECTED_SCOPES),
    otherUsers: optionalText('Feltet om andre brugere', MAX_TEXT_CHARS),
    groupName: optionalText('Gruppens navn', 200),
    setupChecked: setupCheckedSchema,
    severity: choice(REPORT_CHOICE_LABELS.severity),
    attachments: attachmentsSchema,
  };
}
