/** Notification kinds in Danish, for operators and e-mail subjects. */
export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  approval_request: 'anmodning om godkendelse',
  submitted: 'rapport sendt til godkendelse',
  'decision.approve': 'rapport godkendt',
  'decision.reject': 'rapport afvist',
  'decision.request_info': 'spørgsmål til rapport',
  forwarded: 'rapport sendt til Netcompany',
  external_status: 'status fra Netcompany',
  dead_letter: 'rapport kunne ikke sendes',
  supplement_dead_letter: 'supplement kunne ikke sendes',
};

export const notificationKindLabel = (kind: string): string => NOTIFICATION_KIND_LABELS[kind] ?? kind;

/** Statuses in Danish, as `aula-support notifications --status` takes them. */
export const NOTIFICATION_STATUS_LABELS = { pending: 'venter', undeliverable: 'ikke-leveret', delivered: 'leveret' } as const;
