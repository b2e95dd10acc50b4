import { AFFECTED_SCOPES, AULA_AREAS, PLATFORMS, PROFILE_TYPES, SEVERITIES, WORKED_BEFORE } from './report.fields.js';
import { REPORT_FIELD_HELP, REPORT_FIELD_LABELS, REPORT_FIELD_ORDER } from './report.labels.js';
import type { ReportDraft, ReportFields } from './report.schema.js';

export type FormFieldKind = 'text' | 'multiline' | 'choice' | 'date' | 'time' | 'checkbox' | 'links';

/** One field of the report form, for adapters to render as a Slack modal input or an Adaptive Card input. */
export interface FormField {
  key: keyof ReportFields;
  label: string;
  help: string;
  kind: FormFieldKind;
  /** Required always; `false` fields may be left empty (some are required in certain cases, which validation explains). */
  required: boolean;
  choices?: { key: string; label: string }[];
  maxLength?: number;
  /** The draft's current value, as text for inputs (or a choice key). */
  value?: string;
}

const KIND: Partial<Record<keyof ReportFields, FormFieldKind>> = {
  whatHappened: 'multiline', expected: 'multiline', steps: 'multiline', errorText: 'multiline', otherUsers: 'multiline',
  area: 'choice', workedBefore: 'choice', platform: 'choice', profileType: 'choice', affectedScope: 'choice', severity: 'choice',
  occurredDate: 'date', occurredTime: 'time', setupChecked: 'checkbox', attachments: 'links',
};

const CHOICES: Partial<Record<keyof ReportFields, Record<string, string>>> = {
  area: AULA_AREAS,
  workedBefore: WORKED_BEFORE,
  platform: PLATFORMS,
  profileType: PROFILE_TYPES,
  affectedScope: AFFECTED_SCOPES,
  // Short labels: dropdowns cut long ones off; the explanations go in the field's help.
  severity: Object.fromEntries(Object.entries(SEVERITIES).map(([k, v]) => [k, v.label])),
};

const HELP: Partial<Record<keyof ReportFields, string>> = {
  severity: Object.values(SEVERITIES).map((v) => `${v.label}: ${v.help}`).join(' '),
};

const OPTIONAL = new Set<keyof ReportFields>(['errorText', 'otherUsers', 'groupName', 'setupChecked', 'attachments']);

/** The whole report form with the draft's values filled in; platform-neutral. */
export function reportForm(draft: ReportDraft = {}): FormField[] {
  return REPORT_FIELD_ORDER.map((key) => {
    const kind = KIND[key] ?? 'text';
    const raw = draft[key];
    const value = raw === undefined ? undefined : Array.isArray(raw) ? raw.join('\n') : typeof raw === 'boolean' ? (raw ? 'true' : '') : String(raw);
    return {
      key,
      label: REPORT_FIELD_LABELS[key],
      help: HELP[key] ?? REPORT_FIELD_HELP[key],
      kind,
      required: !OPTIONAL.has(key),
      ...(CHOICES[key] ? { choices: Object.entries(CHOICES[key]!).map(([k, label]) => ({ key: k, label })) } : {}),
      ...(key === 'title' ? { maxLength: 120 } : kind === 'multiline' ? { maxLength: 4000 } : {}),
      ...(value ? { value } : {}),
    };
  });
}
