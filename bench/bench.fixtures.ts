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
