import { danishDate } from '../faq/danish-format.js';
import { REPORT_CHOICE_LABELS, REPORT_FIELD_LABELS, REPORT_FIELD_ORDER, choiceLabel, type ChoiceField } from './report.labels.js';
import type { ReportDraft, ReportFields } from './report.schema.js';

type Field = keyof ReportFields;

/**
 * One field's value as a person reads it: choice labels instead of keys, "Ja"/"Nej" instead of
 * booleans, Danish dates. Undefined when the field is empty. Never an internal code.
 */
export function displayValue(field: Field, fields: ReportDraft): string | undefined {
  const v = fields[field];
  if (v === undefined || v === null || v === '') return undefined;
  if (field === 'setupChecked') return v === true ? 'Ja' : 'Nej';
  if (field === 'attachments') return Array.isArray(v) && v.length ? v.join('\n') : undefined;
  if (field === 'occurredDate' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return danishDate(v);
  if (field in REPORT_CHOICE_LABELS) return choiceLabel(field as ChoiceField, String(v));
  return String(v);
}

/** Every filled-in field with its Danish label, in form order (date and time together). */
export function fieldFacts(fields: ReportDraft, opts: { skip?: readonly Field[] } = {}): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  for (const key of REPORT_FIELD_ORDER) {
    if (opts.skip?.includes(key) || key === 'occurredTime') continue;
    if (key === 'occurredDate') {
      const date = displayValue('occurredDate', fields);
      const time = displayValue('occurredTime', fields);
      if (date || time) out.push({ label: 'Fejlen opstod', value: [date, time && `kl. ${time}`].filter(Boolean).join(' ') });
      continue;
    }
    const value = displayValue(key, fields);
    // Links are the reporter's words: say so, and show them as bare addresses (facts are plain text).
    if (value !== undefined) out.push({ label: key === 'attachments' ? 'Links fra indberetter' : REPORT_FIELD_LABELS[key], value });
  }
  return out;
}

/** "Tekst." without doubling a full stop the text already ends with ("…liste.. Skriv"). */
export function sentence(text: string): string {
  const t = text.trimEnd();
  return /[.!?…:]$/.test(t) ? t : `${t}.`;
}
