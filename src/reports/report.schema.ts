import { z } from 'zod';
import { CPR_MASK } from '../privacy/cpr.js';
import { fold } from '../text/normalize.js';
import { REPORT_CHOICE_LABELS, REPORT_FIELD_ORDER } from './report.labels.js';
import {
  AFFECTED_SCOPES,
  AULA_AREAS,
  PLATFORMS,
  PROFILE_TYPES,
  WORKED_BEFORE,
  type AffectedScope,
  type AulaArea,
  type Platform,
  type ProfileType,
  type Severity,
  type WorkedBefore,
} from './report.fields.js';

/** One complete, validated fault report as the superuser filed it. */
export interface ReportFields {
  title: string;
  area: AulaArea;
  whatHappened: string;
  expected: string;
  steps: string;
  errorText?: string;
  /** YYYY-MM-DD, a real date, not in the future. */
  occurredDate: string;
  /** HH:MM, 24-hour clock. */
  occurredTime: string;
  workedBefore: WorkedBefore;
  platform: Platform;
  os: string;
  clientVersion: string;
  /** Full names of the affected users, never UNI-login ids. */
  affectedNames: string;
  profileType: ProfileType;
  institutionName: string;
  institutionCode: string;
  affectedScope: AffectedScope;
  otherUsers?: string;
  /** Required when area is 'grupper'. */
  groupName?: string;
  /** Must be true when affectedScope is 'en' or 'flere'. */
  setupChecked: boolean;
  severity: Severity;
  /** http(s) links to anonymised screenshots, at most {@link MAX_ATTACHMENTS}. */
  attachments?: string[];
}

/** What a user has typed so far; every value in it passed the lenient parse. */
export type ReportDraft = Partial<ReportFields>;

export const MAX_TITLE_CHARS = 120;
export const MAX_TEXT_CHARS = 4000;
export const MAX_ATTACHMENTS = 5;
const MAX_URL_CHARS = 2000;
/** Invalid typed text is kept in the draft so it can be fixed, but nothing beyond this is stored. */
const MAX_DRAFT_CHARS = 10_000;
const MAX_DRAFT_ATTACHMENTS = 20;
/** Aula went live in 2019; an earlier date is a typo. */
const EARLIEST_DATE = '2019-01-01';

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

/** Raw form/chat value → trimmed text, undefined when empty; other types pass through to fail typing. */
function toText(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v;
  if (typeof v !== 'string') return v;
  const s = v
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim()
    .normalize('NFC');
  // A lone "=" (keep) or "-" (skip) is a chat instruction, never a value: it must not be stored or forwarded.
  return s === '' || /^[=\-–—]$/.test(s) ? undefined : s;
}

function toList(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(toText).filter((x) => x !== undefined);
    return items.length === 0 ? undefined : items;
  }
  const t = toText(v);
  if (typeof t !== 'string') return t;
  return t.split(/\s+/).map((s) => s.replace(/[,;]+$/, '')).filter((s) => s !== '');
}

const TRUE_WORDS = new Set(['true', 'ja', 'j', 'on', '1', 'yes', 'x']);
const FALSE_WORDS = new Set(['false', 'nej', 'n', 'off', '0', 'no']);

function toBool(v: unknown): unknown {
  const t = toText(v);
  if (typeof t !== 'string') return t;
  const f = fold(t.slice(0, 20));
  return TRUE_WORDS.has(f) ? true : FALSE_WORDS.has(f) ? false : t;
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

const DATE_FORMAT = 'Skriv datoen som fx 23-11-2026, 23.11.2026, 2026-11-23, "i dag" eller "i går".';

/** ISO → the Danish day-first spelling users type (2026-12-31 → 31-12-2026). */
const dk = (iso: string): string => iso.split('-').reverse().join('-');

function shiftDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Accepts ISO, the Danish day-first spellings (23-11-2026, 23.11.2026, 23/11/2026, 23/11 this
 * year, 23-11-26) and the words "i dag", "i går" and "i forgårs".
 */
function toIsoDate(s: string, today: string): string | undefined {
  const word = fold(s).replace(/[.!]+$/, '').replace(/\s+/g, ' ');
  const relative: Record<string, number> = { 'i dag': 0, idag: 0, 'i gaar': -1, igaar: -1, 'i forgaars': -2, iforgaars: -2 };
  if (word in relative) return shiftDays(today, relative[word]!);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dk = /^(\d{1,2})[-./](\d{1,2})(?:[-./](\d{4}|\d{2}))?\.?$/.exec(s);
  const year = dk ? (dk[3] === undefined ? today.slice(0, 4) : dk[3].length === 2 ? `20${dk[3]}` : dk[3]) : undefined;
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dk ? [year, dk[2], dk[1]] : [];
  if (!y || !m || !d) return undefined;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today's date in Denmark, where every user of the bot is. */
const COPENHAGEN_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

function danishToday(now: Date): string {
  const at = now instanceof Date && !Number.isNaN(now.getTime()) ? now : new Date();
  const parts = COPENHAGEN_DATE.formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const COPENHAGEN_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The time of day in Denmark as HH:MM. */
function danishClock(now: Date): string {
  const at = now instanceof Date && !Number.isNaN(now.getTime()) ? now : new Date();
  const parts = COPENHAGEN_CLOCK.formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}:${part('minute')}`;
}

function dateSchema(today: string) {
  return z.preprocess(
    toText,
    z.string({ required_error: `Skriv datoen, hvor fejlen skete. ${DATE_FORMAT}`, invalid_type_error: DATE_FORMAT }).transform((s, ctx) => {
      const iso = s.length <= 20 ? toIsoDate(s, today) : undefined;
      const fail = (message: string) => (ctx.addIssue({ code: 'custom', message }), z.NEVER);
      if (!iso) return fail(DATE_FORMAT);
      if (!isCalendarDate(iso)) return fail(`Datoen ${dk(iso)} findes ikke i kalenderen. ${DATE_FORMAT}`);
      if (iso > today) return fail(`Datoen ${dk(iso)} ligger i fremtiden. Skriv den dato, hvor fejlen skete.`);
      if (iso < EARLIEST_DATE) return fail(`Datoen ${dk(iso)} ligger før Aula blev taget i brug. Tjek årstallet.`);
      return iso;
    }),
  );
}

const TIME_FORMAT = 'Skriv klokkeslættet som fx 14:30, 9.30 eller kl. 9 (24-timers ur).';
const timeSchema = z.preprocess(
  toText,
  z.string({ required_error: `Skriv cirka hvornår fejlen skete. ${TIME_FORMAT}`, invalid_type_error: TIME_FORMAT }).transform((s, ctx) => {
    const m = /^(?:(?:ca\.?|cirka|omkring)\s*)?(?:kl\.?\s*)?(\d{1,2})(?:[:.](\d{2}))?$/i.exec(s.slice(0, 30).trim());
    const h = Number(m?.[1]);
    const min = Number(m?.[2] ?? '0');
    if (!m || h > 23 || min > 59) return (ctx.addIssue({ code: 'custom', message: TIME_FORMAT }), z.NEVER);
    return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
  }),
);

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
function fieldSchemas(today: string): FieldSchemas {
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

/** Invalid input worth keeping so the user can fix it instead of retyping; choices are not kept. */
function keepTyped(key: keyof ReportFields, raw: unknown): unknown {
  if (key === 'attachments') {
    const list = toList(raw);
    if (!Array.isArray(list)) return undefined;
    const kept = list.filter((u): u is string => typeof u === 'string' && u.length <= MAX_URL_CHARS).slice(0, MAX_DRAFT_ATTACHMENTS);
    return kept.length > 0 ? kept : undefined;
  }
  if (key === 'setupChecked' || key in REPORT_CHOICE_LABELS) return undefined;
  const t = toText(raw);
  return typeof t === 'string' && t.length <= MAX_DRAFT_CHARS ? t : undefined;
}

function readRecord(input: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return out;
    for (const key of REPORT_FIELD_ORDER) {
      try {
        if (Object.prototype.hasOwnProperty.call(input, key)) out[key] = (input as Record<string, unknown>)[key];
      } catch {
        // A throwing getter counts as a missing value.
      }
    }
  } catch {
    // Exotic objects (revoked proxies) count as empty input.
  }
  return out;
}

type FieldErrors = Partial<Record<keyof ReportFields, string>>;

/** Keeps the Danish messages set in the schemas; replaces any English zod default that slipped through. */
const danishFallback: z.ZodErrorMap = (issue, ctx) => {
  const english = z.defaultErrorMap(issue, ctx).message;
  return { message: ctx.defaultError !== english ? ctx.defaultError : 'Tjek feltet, og skriv det igen.' };
};

function parseFields(input: unknown, now: Date): { draft: ReportDraft; errors: FieldErrors } {
  const raw = readRecord(input);
  const schemas = fieldSchemas(danishToday(now));
  const draft: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const key of REPORT_FIELD_ORDER) {
    try {
      const res = schemas[key].safeParse(raw[key], { errorMap: danishFallback });
      if (res.success) {
        if (res.data !== undefined) draft[key] = res.data;
        continue;
      }
      errors[key] = [...new Set(res.error.issues.map((i) => i.message))].slice(0, 3).join(' ');
      const kept = keepTyped(key, raw[key]);
      if (kept !== undefined) draft[key] = kept;
    } catch {
      errors[key] = 'Feltet kunne ikke læses. Skriv det igen.';
    }
  }
  const d = draft as ReportDraft;
  if (d.area === 'grupper' && d.groupName === undefined && !errors.groupName) {
    errors.groupName = 'Skriv gruppens navn: det er påkrævet ved fejl i Grupper.';
  }
  if ((d.affectedScope === 'en' || d.affectedScope === 'flere') && d.setupChecked !== true && !errors.setupChecked) {
    errors.setupChecked = 'Tjek først brugerens opsætning i kommunens administrative systemer, og bekræft det her. Det er påkrævet, når én eller flere bestemte brugere er ramt.';
  }
  if (d.occurredDate !== undefined && d.occurredTime !== undefined && !errors.occurredTime && d.occurredDate === danishToday(now) && d.occurredTime > danishClock(now)) {
    errors.occurredTime = `Klokken ${d.occurredTime} i dag er ikke kommet endnu. Skriv det klokkeslæt, hvor fejlen skete.`;
  }
  return { draft: d, errors };
}

export type ParseReportResult =
  | { ok: true; value: ReportFields }
  | { ok: false; errors: Partial<Record<keyof ReportFields, string>>; draft: ReportDraft };

/**
 * Validate a complete report from a form or chat. Never throws: every problem becomes a Danish
 * error on its field, and `draft` keeps what the user typed. `now` decides what "the future" is.
 */
export function parseReportInput(input: unknown, now: Date = new Date()): ParseReportResult {
  const { draft, errors } = parseFields(input, now);
  if (Object.keys(errors).length > 0) return { ok: false, errors, draft };
  // Every required field parsed without error, so the draft is complete.
  return { ok: true, value: { ...draft, setupChecked: draft.setupChecked ?? false } as ReportFields };
}

/** Lenient parse of a partly filled report: keeps every usable value, never throws. */
export function parseDraft(input: unknown, now: Date = new Date()): ReportDraft {
  return parseFields(input, now).draft;
}
