import { danishDate } from '../faq/danish-format.js';
import type { AulaArea, Severity } from './report.fields.js';
import { REPORT_CHOICE_LABELS, REPORT_FIELD_LABELS, REPORT_FIELD_ORDER, choiceLabel, type ChoiceField } from './report.labels.js';
import type { ReportFields } from './report.schema.js';

export interface Person {
  name: string;
  email: string;
}

/** An approved (or about to be approved) report as it leaves the municipality. */
export interface ReportRenderInput {
  number: string;
  municipality: { code: string; name: string };
  reporter: Person;
  approvedBy?: Person;
  fields: ReportFields;
  /** Extra lines for the service desk, e.g. "Samme fejl set af …". */
  notes?: string[];
}

/** The JSON the service desk receives; choices the desk sorts by carry their Danish label too. */
export type ReportPayload = {
  number: string;
  municipality: { code: string; name: string };
  reporter: Person;
  approvedBy: Person | null;
  area: { key: AulaArea; label: string };
  severity: { key: Severity; label: string };
} & Omit<ReportFields, 'area' | 'severity'> & { notes: string[] };

/** Free-text fields rendered as a block under their label, since they often span lines. */
const BLOCK_FIELDS = new Set<keyof ReportFields>(['whatHappened', 'expected', 'steps', 'errorText', 'otherUsers']);

const person = (p: Person): string => `${p.name} <${p.email}>`;

function labelled(label: string, value: string): string {
  return label.endsWith('?') ? `${label} ${value}` : `${label}: ${value}`;
}

function fieldLines(f: ReportFields, key: keyof ReportFields): string[] {
  const label = REPORT_FIELD_LABELS[key];
  if (key === 'occurredTime') return []; // rendered together with the date
  if (key === 'occurredDate') return [`Fejlen opstod: ${danishDate(f.occurredDate)} kl. ${f.occurredTime}`];
  if (key === 'setupChecked') return [labelled(label, f.setupChecked ? 'Ja' : 'Nej')];
  if (key === 'attachments') return f.attachments && f.attachments.length > 0 ? ['', `${label}:`, ...f.attachments] : [];
  const value = f[key];
  if (typeof value !== 'string' || value === '') return [];
  if (key in REPORT_CHOICE_LABELS) return [labelled(label, choiceLabel(key as ChoiceField, value))];
  if (BLOCK_FIELDS.has(key)) return ['', label, value, ''];
  return [labelled(label, value)];
}

/** Danish plain text ready to paste into Aula's fejlrapporteringsmodul. */
export function renderReportText(r: ReportRenderInput): string {
  const lines = [
    `Fejlrapport ${r.number}`,
    `Kommune: ${r.municipality.name} (kommunekode ${r.municipality.code})`,
    `Indberettet af: ${person(r.reporter)}`,
    ...(r.approvedBy ? [`Godkendt af: ${person(r.approvedBy)}`] : []),
    '',
    ...REPORT_FIELD_ORDER.flatMap((key) => fieldLines(r.fields, key)),
  ];
  if (r.notes && r.notes.length > 0) lines.push('', 'Bemærkninger:', ...r.notes);
  // Block fields add blank lines around themselves; collapse runs so the text stays tidy.
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

/** JSON-serialisable payload for the service desk (webhook / file forwarders). */
export function reportPayload(r: ReportRenderInput): ReportPayload {
  const { area, severity, attachments, ...rest } = r.fields;
  const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Omit<ReportFields, 'area' | 'severity' | 'attachments'>;
  return {
    number: r.number,
    municipality: { code: r.municipality.code, name: r.municipality.name },
    reporter: { name: r.reporter.name, email: r.reporter.email },
    approvedBy: r.approvedBy ? { name: r.approvedBy.name, email: r.approvedBy.email } : null,
    area: { key: area, label: choiceLabel('area', area) },
    severity: { key: severity, label: choiceLabel('severity', severity) },
    ...fields,
    ...(attachments ? { attachments: [...attachments] } : {}),
    notes: [...(r.notes ?? [])],
  };
}
