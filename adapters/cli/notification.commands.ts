import type { Core } from '../../src/core.js';
import { NOTIFICATION_STATUS_LABELS, notificationKindLabel } from '../../src/notify/notification.labels.js';
import type { NotificationStatus } from '../../src/store/sqlite/notification.sqlite-repository.js';
import { CliError, type CliIo } from './cli.output.js';

const BY_LABEL = Object.fromEntries(Object.entries(NOTIFICATION_STATUS_LABELS).map(([k, v]) => [v, k])) as Record<string, NotificationStatus>;

/** `aula-support notifications [--status venter|ikke-leveret|leveret] [--json]`: chat notifications, never their text. */
export function notificationsCommand(core: Core, v: Record<string, string | boolean | undefined>, io: CliIo): number {
  const label = typeof v.status === 'string' ? v.status : undefined;
  const status = label === undefined ? undefined : BY_LABEL[label];
  if (label !== undefined && !status) throw new CliError(`Ukendt status "${label}". Brug en af: ${Object.values(NOTIFICATION_STATUS_LABELS).join(', ')}.`, 2);
  const list = core.notifications.list(status);
  if (v.json) {
    io.out(JSON.stringify(list.map((n) => ({ id: n.id, person: n.personName, kind: n.kind, kindLabel: notificationKindLabel(n.kind), report: n.reportNumber, status: n.status, statusLabel: NOTIFICATION_STATUS_LABELS[n.status], attempts: n.attempts, nextAttemptAt: n.nextAttemptAt, lastError: n.lastError, createdAt: n.createdAt, deliveredAt: n.deliveredAt, deliveredVia: n.deliveredVia }))));
    return 0;
  }
  const c = core.notifications.counts();
  io.out(`Notifikationer: ${c.pending} venter, ${c.undeliverable} ikke leveret${core.notificationMail.enabled ? '' : ' (e-mail er ikke sat op: SMTP_HOST og FORWARD_EMAIL_FROM)'}.`);
  if (!list.length) io.out('Ingen notifikationer.');
  for (const n of list) {
    const parts = [
      `#${n.id}`,
      NOTIFICATION_STATUS_LABELS[n.status].padEnd(12),
      (n.personName ?? `person ${n.personId}`).padEnd(24),
      notificationKindLabel(n.kind).padEnd(30),
      n.reportNumber ?? '',
      `forsøg ${n.attempts}`,
      n.status === 'delivered' ? `leveret ${n.deliveredAt ?? ''} via ${viaLabel(n.deliveredVia)}` : n.nextAttemptAt ? `næste forsøg ${n.nextAttemptAt}` : 'prøves ikke igen',
      n.lastError ? `sidste fejl: ${n.lastError}` : '',
    ];
    io.out(parts.filter((p) => p !== '').join('  '));
  }
  return 0;
}

const viaLabel = (via: string | null): string => (via === 'email' ? 'e-mail' : via === 'slack' ? 'Slack' : via === 'teams' ? 'Teams' : (via ?? '?'));
