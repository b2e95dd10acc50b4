import type { Core } from '../src/core.js';
/** The operator as actor, and a valid report whose text varies by index (benchmarks). */
export const OPERATOR_ACTOR = { kind: 'operator' } as const;

export function sampleReport(i: number): Record<string, unknown> {
  return {
    title: `Fejl ${i}: beskeder åbner ikke`,
    area: 'beskeder',
    whatHappened: `Appen lukker, når man åbner besked nummer ${i}.`,
    expected: 'At beskeden åbner.',
    steps: 'Åbn appen, tryk på Beskeder, vælg en besked.',
    occurredDate: '2026-11-20',
    occurredTime: '08:15',
    workedBefore: 'ja',
    platform: 'app_foraeldre',
    os: 'iOS 17.4',
    clientVersion: 'Aula 2.3.1',
    affectedNames: 'Mette Hansen',
    profileType: 'foraelder',
    institutionName: 'Skolen',
    institutionCode: '280123',
    affectedScope: 'institution',
    severity: 'alvorlig',
  };
}

/** The part of the core the report pipeline uses. */
interface PipelineCore {
  directory: Pick<Core['directory'], 'addPerson' | 'assignSeat'>;
  workflow: Pick<Core['workflow'], 'draftFor' | 'submit' | 'decide'>;
  outbox: Pick<Core['outbox'], 'depth'>;
  outboxWorker: Pick<Core['outboxWorker'], 'runOnce'>;
}

/**
 * `reports` reports filed by a superuser in Odense and approved by its seat holder, then the outbox
 * worker run until empty: how long submitting and approving took, and how long delivering did.
 */
export async function runReportPipeline(core: PipelineCore, reports: number): Promise<{ submitMs: number; deliverMs: number }> {
  const reporter = core.directory.addPerson(OPERATOR_ACTOR, { email: 'r@odense.dk', name: 'R', municipality: 'Odense', role: 'superuser' });
  const holder = core.directory.addPerson(OPERATOR_ACTOR, { email: 'h@odense.dk', name: 'H', municipality: 'Odense', role: 'staff' });
  if (!reporter.ok || !holder.ok) throw new Error('setup failed');
  core.directory.assignSeat(OPERATOR_ACTOR, 'Odense', 'h@odense.dk');
  const t0 = performance.now();
  for (let i = 0; i < reports; i++) {
    const draft = core.workflow.draftFor(reporter.value);
    const r = core.workflow.submit(reporter.value, draft.id, sampleReport(i), true);
    if (!r.ok || r.value.kind !== 'submitted') throw new Error('submit failed');
    const d = core.workflow.decide({ kind: 'person', person: holder.value, identity: 'bench' }, r.value.report.number!, 'approve');
    if (!d.ok) throw new Error(d.message);
  }
  const submitMs = performance.now() - t0;
  const t1 = performance.now();
  while (core.outbox.depth().pending > 0) await core.outboxWorker.runOnce();
  return { submitMs, deliverMs: performance.now() - t1 };
}
