import type { ReportFields } from '../../../src/reports/report.schema.js';

/** "Now" for every report test: 24 November 2026, late morning in Denmark. */
export const NOW = new Date('2026-11-24T10:00:00Z');

/** A complete report as it arrives from a form: raw strings everywhere. */
export function rawReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '  Vedhæftede PDF-filer i beskeder kan ikke åbnes ',
    area: 'beskeder',
    whatHappened: 'Når en medarbejder klikker på en vedhæftet PDF i en besked, vises en fejl, og filen åbner ikke.',
    expected: 'At PDF-filen åbnes i et nyt faneblad.',
    steps: '1. Åbn Beskeder\n2. Åbn en besked med en vedhæftet PDF\n3. Klik på filen',
    errorText: 'Der opstod en fejl. Prøv igen senere (kode 500)',
    occurredDate: '2026-11-23',
    occurredTime: '14:30',
    workedBefore: 'ja',
    platform: 'web',
    os: 'Windows 11',
    clientVersion: 'Chrome 126',
    affectedNames: 'Anna Jensen og Bo Hansen',
    profileType: 'medarbejder',
    institutionName: 'Skovbakkeskolen',
    institutionCode: '280123',
    affectedScope: 'institution',
    severity: 'alvorlig',
    attachments: 'https://deling.kommune.dk/a.png\nhttps://deling.kommune.dk/b.png',
    ...overrides,
  };
}

/** The validated form of {@link rawReport}. */
export const VALID_FIELDS: ReportFields = {
  title: 'Vedhæftede PDF-filer i beskeder kan ikke åbnes',
  area: 'beskeder',
  whatHappened: 'Når en medarbejder klikker på en vedhæftet PDF i en besked, vises en fejl, og filen åbner ikke.',
  expected: 'At PDF-filen åbnes i et nyt faneblad.',
  steps: '1. Åbn Beskeder\n2. Åbn en besked med en vedhæftet PDF\n3. Klik på filen',
  errorText: 'Der opstod en fejl. Prøv igen senere (kode 500)',
  occurredDate: '2026-11-23',
  occurredTime: '14:30',
  workedBefore: 'ja',
  platform: 'web',
  os: 'Windows 11',
  clientVersion: 'Chrome 126',
  affectedNames: 'Anna Jensen og Bo Hansen',
  profileType: 'medarbejder',
  institutionName: 'Skovbakkeskolen',
  institutionCode: '280123',
  affectedScope: 'institution',
  setupChecked: false,
  severity: 'alvorlig',
  attachments: ['https://deling.kommune.dk/a.png', 'https://deling.kommune.dk/b.png'],
};
