import type { Core } from '../../src/core.js';
import { ROLE_LABELS, type Role } from '../../src/directory/directory.types.js';
import { REPORT_STATUSES, STATUS_LABELS, type ReportStatus } from '../../src/reports/report.types.js';

/** Danish words for what the CLI prints: statuses, roles, actors, audit actions. */

const STATUS_WORDS: Record<string, ReportStatus> = {
  kladde: 'draft',
  afventer: 'submitted',
  indsendt: 'submitted',
  godkendt: 'approved',
  sendt: 'forwarded',
  videresendt: 'forwarded',
  afvist: 'rejected',
  'mangler info': 'needs_info',
  info: 'needs_info',
  tilbagekaldt: 'withdrawn',
  'trukket tilbage': 'withdrawn',
};

/** A status as the operator writes it: the printed Danish label, a short Danish word, or the stored English key. */
export function parseStatus(text: string): ReportStatus | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if ((REPORT_STATUSES as readonly string[]).includes(t)) return t as ReportStatus;
  const byLabel = REPORT_STATUSES.find((s) => STATUS_LABELS[s].toLowerCase() === t || STATUS_LABELS[s].split(',')[0]!.toLowerCase() === t);
  return byLabel ?? STATUS_WORDS[t];
}

/** The statuses to name in a refusal, as the list prints them. */
export const STATUS_CHOICES = ['kladde', 'afventer', 'godkendt', 'sendt', 'afvist', '"mangler oplysninger"', '"trukket tilbage"'].join(', ');

export function roleLabel(role: Role | string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

const OUTBOX_LABELS: Record<string, string> = { pending: 'venter', delivered: 'leveret', dead: 'død post' };
export function outboxLabel(status: string): string {
  return OUTBOX_LABELS[status] ?? status;
}

const ACTION_LABELS: Record<string, string> = {
  'person.add': 'person tilføjet',
  'person.update': 'person ændret',
  'person.remove': 'person fjernet',
  'identity.link': 'identitet koblet',
  'seat.assign': 'plads tildelt',
  'seat.revoke': 'plads fjernet',
  'report.submit': 'rapport indsendt',
  'report.approve': 'rapport godkendt',
  'report.reject': 'rapport afvist',
  'report.request_info': 'oplysninger efterspurgt',
  'report.withdraw': 'rapport trukket tilbage',
  'report.same_error': '"samme fejl her"',
  'report.forwarded': 'sendt til Netcompany',
  'report.dead_letter': 'død post',
  'report.supplement_forwarded': 'supplement sendt til Netcompany',
  'report.supplement_dead_letter': 'supplement som død post',
  'report.external_status': 'status fra Netcompany',
  'approval_channel.set': 'godkendelseskanal sat',
};
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** `person:1` → "Anna Andersen <anna@…>", `operator` → "driften (CLI)", `seats:492` → "pladser i Ærø Kommune". */
export function nameOf(core: Core, key: string): string {
  if (key === 'operator') return 'driften (CLI)';
  if (key === 'outbox') return 'udbakken';
  if (key === 'servicedesk') return 'Netcompanys servicedesk';
  const [kind, id = ''] = splitKey(key);
  if (kind === 'person') {
    const p = /^\d+$/.test(id) ? core.directory.personById(Number(id)) : undefined;
    return p ? `${p.name} <${p.email}>` : id;
  }
  if (kind === 'seats') return `pladser i ${core.directory.municipality(id)?.name ?? id}`;
  if (kind === 'municipality') return core.directory.municipality(id)?.name ?? id;
  if (kind === 'report') return `rapport ${id}`;
  return key;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf(':');
  return i < 0 ? [key, ''] : [key.slice(0, i), key.slice(i + 1)];
}
