import type { ExternalStatus, ReportStatus } from '../reports/report.types.js';

/**
 * Which external status the service desk may report next, given the current one (null: none yet).
 * Open statuses may move freely (and repeat, for a new message); `løst` may be closed or reopened
 * as `i gang` (the fix did not hold); `lukket` is final. Never back to `modtaget` once work began.
 */
export const EXTERNAL_TRANSITIONS: Record<ExternalStatus | 'none', readonly ExternalStatus[]> = {
  none: ['modtaget', 'i gang', 'afventer kommunen', 'løst', 'lukket'],
  modtaget: ['modtaget', 'i gang', 'afventer kommunen', 'løst', 'lukket'],
  'i gang': ['i gang', 'afventer kommunen', 'løst', 'lukket'],
  'afventer kommunen': ['i gang', 'afventer kommunen', 'løst', 'lukket'],
  løst: ['i gang', 'lukket'],
  lukket: [],
};

/** Only a report that reached the service desk can get a status from it. */
export const DELIVERED_STATUSES: readonly ReportStatus[] = ['forwarded'];

export const CLOSING_STATUSES: readonly ExternalStatus[] = ['løst', 'lukket'];

/** Why `next` is not allowed after `current` on a report in `status`, or undefined when it is. */
export function externalTransitionRefusal(status: ReportStatus, current: string | null, next: ExternalStatus): string | undefined {
  if (!DELIVERED_STATUSES.includes(status)) return `the report has not been delivered to the service desk (status ${status})`;
  const from = (current ?? 'none') as keyof typeof EXTERNAL_TRANSITIONS;
  const allowed = EXTERNAL_TRANSITIONS[from] ?? [];
  if (!allowed.includes(next)) return `status "${next}" is not allowed after "${current}"${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (the report is closed)'}`;
  return undefined;
}
