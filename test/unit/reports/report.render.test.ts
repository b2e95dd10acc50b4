import { describe, expect, it } from 'vitest';
import { REPORT_FIELD_LABELS } from '../../../src/reports/report.labels.js';
import { renderReportText, reportPayload, type ReportRenderInput } from '../../../src/reports/report.render.js';
import { VALID_FIELDS } from './report.fixtures.js';

const input: ReportRenderInput = {
  number: 'AULA-2026-000042',
  municipality: { code: '461', name: 'Odense' },
  reporter: { name: 'Anna Jensen', email: 'anna@odense.dk' },
  approvedBy: { name: 'Bo Hansen', email: 'bo@odense.dk' },
  fields: { ...VALID_FIELDS, platform: 'app_personale', affectedScope: 'en', setupChecked: true, workedBefore: 'ved_ikke', occurredDate: '2026-11-03', occurredTime: '09:05' },
  notes: ['Samme fejl set af Carl Nielsen, Vejle'],
};

describe('renderReportText', () => {
  const text = renderReportText(input);

  it('starts with the number, municipality, reporter and approver', () => {
    expect(text.split('\n').slice(0, 4)).toEqual([
      'Fejlrapport AULA-2026-000042',
      'Kommune: Odense (kommunekode 461)',
      'Indberettet af: Anna Jensen <anna@odense.dk>',
      'Godkendt af: Bo Hansen <bo@odense.dk>',
    ]);
  });

  it('shows every field with its Danish label and choices by their label, not their key', () => {
    expect(text).toContain('Titel: Vedhæftede PDF-filer i beskeder kan ikke åbnes');
    expect(text).toContain('Område i Aula: Beskeder');
    expect(text).toContain('Platform: Aula-appen for personale');
    expect(text).toContain('Hvor mange er ramt? Én bruger');
    expect(text).toContain('Har det virket før? Ved ikke');
    expect(text).toContain('Alvorlighed: Alvorlig');
    expect(text).toContain('Profiltype: Medarbejder');
    expect(text).toContain(`${REPORT_FIELD_LABELS.setupChecked}: Ja`);
    expect(text).toContain(`Hvad skete der?\n${VALID_FIELDS.whatHappened}\n`);
    expect(text).toContain(`Trin til at genskabe fejlen\n${VALID_FIELDS.steps}\n`);
    expect(text).toContain('Institutionskode: 280123');
    expect(text).not.toMatch(/app_personale|ved_ikke|beskeder\n|: en\n/);
  });

  it('writes the date in Danish with the time', () => {
    expect(text).toContain('3. november 2026 kl. 09:05');
  });

  it('lists attachments one per line and ends with the notes', () => {
    expect(text).toContain('Skærmbilleder (links):\nhttps://deling.kommune.dk/a.png\nhttps://deling.kommune.dk/b.png');
    expect(text.trimEnd().endsWith('Bemærkninger:\nSamme fejl set af Carl Nielsen, Vejle')).toBe(true);
  });

  it('leaves out empty optional parts', () => {
    const { errorText: _e, attachments: _a, ...rest } = VALID_FIELDS;
    const plain = renderReportText({ ...input, approvedBy: undefined, notes: [], fields: rest });
    expect(plain).not.toMatch(/Godkendt af|Bemærkninger|Fejlbesked|Skærmbilleder|Gruppens navn/);
    expect(plain).not.toMatch(/\n{3,}/);
  });
});

describe('reportPayload', () => {
  it('is JSON-serialisable with keys as in ReportFields and labelled area and severity', () => {
    const payload = reportPayload(input);
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
    expect(payload).toMatchObject({
      number: 'AULA-2026-000042',
      municipality: { code: '461', name: 'Odense' },
      reporter: { name: 'Anna Jensen', email: 'anna@odense.dk' },
      approvedBy: { name: 'Bo Hansen', email: 'bo@odense.dk' },
      area: { key: 'beskeder', label: 'Beskeder' },
      severity: { key: 'alvorlig', label: 'Alvorlig' },
      title: VALID_FIELDS.title,
      platform: 'app_personale',
      setupChecked: true,
      attachments: VALID_FIELDS.attachments,
      notes: ['Samme fejl set af Carl Nielsen, Vejle'],
    });
  });

  it('uses null for a missing approver and an empty list for missing notes', () => {
    const payload = reportPayload({ ...input, approvedBy: undefined, notes: undefined });
    expect(payload.approvedBy).toBeNull();
    expect(payload.notes).toEqual([]);
  });
});
