import { z } from 'zod';
import { REPORT_CHOICE_LABELS, REPORT_FIELD_ORDER } from './report.labels.js';
import type { AffectedScope, AulaArea, Platform, ProfileType, Severity, WorkedBefore } from './report.fields.js';
import { toList, toText } from './report.coerce.js';
import { danishClock, danishToday } from './report.date-time.js';
import { fieldSchemas, MAX_URL_CHARS } from './report.field-schemas.js';

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
  /** http(s) links to anonymised screenshots, at most MAX_ATTACHMENTS (report.field-schemas.ts). */
  attachments?: string[];
}

/** What a user has typed so far; every value in it passed the lenient parse. */
export type ReportDraft = Partial<ReportFields>;

/** Invalid typed text is kept in the draft so it can be fixed, but nothing beyond this is stored. */
const MAX_DRAFT_CHARS = 10_000;
const MAX_DRAFT_ATTACHMENTS = 20;

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
