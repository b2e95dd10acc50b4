import { describe, expect, it } from 'vitest';
import { CPR_MASK } from '../../../src/privacy/cpr.js';
import { SCREENSHOT_REMINDER, maskReportText } from '../../../src/reports/report.privacy.js';
import { REPORT_FIELD_ORDER } from '../../../src/reports/report.labels.js';
import type { ReportDraft, ReportFields } from '../../../src/reports/report.schema.js';
import { VALID_FIELDS } from './report.fixtures.js';

const CPRS = ['010203-1234', '0102031234', '010203 1234', '010101-1000' /* fails modulus 11 */];

describe('maskReportText', () => {
  it('masks CPR-like numbers in every string field and every attachment link', () => {
    const textKeys = REPORT_FIELD_ORDER.filter((k) => k !== 'setupChecked' && k !== 'attachments');
    const draft = Object.fromEntries(textKeys.map((k, i) => [k, `Barnet har CPR ${CPRS[i % CPRS.length]} ifølge forælderen`])) as unknown as ReportDraft;
    draft.attachments = CPRS.map((c) => `https://deling.kommune.dk/${c.replace(' ', '')}.png`);
    draft.setupChecked = true;

    const { fields, maskedFields } = maskReportText(draft);

    expect(maskedFields).toEqual([...textKeys, 'attachments']);
    for (const k of textKeys) expect(fields[k]).toBe(`Barnet har CPR ${CPR_MASK} ifølge forælderen`);
    expect(fields.attachments).toEqual(CPRS.map(() => `https://deling.kommune.dk/${CPR_MASK}.png`));
    expect(fields.setupChecked).toBe(true);
    expect(JSON.stringify(fields)).not.toMatch(/\d{6}[- ]?\d{4}/);
  });

  it.each(CPRS)('masks %s in the description', (cpr) => {
    const { fields, maskedFields } = maskReportText({ ...VALID_FIELDS, whatHappened: `Eleven ${cpr} kan ikke se beskeder` });
    expect(fields.whatHappened).toBe(`Eleven ${CPR_MASK} kan ikke se beskeder`);
    expect(maskedFields).toEqual(['whatHappened']);
  });

  it('reports only the fields that had something masked and leaves the rest as they were', () => {
    const input: ReportFields = { ...VALID_FIELDS, title: 'Fejl for 0102031234', otherUsers: 'Også 020202-2345 og 030303 3456' };
    const before = structuredClone(input);
    const { fields, maskedFields } = maskReportText(input);
    expect(maskedFields).toEqual(['title', 'otherUsers']);
    expect(fields).toEqual({ ...VALID_FIELDS, title: `Fejl for ${CPR_MASK}`, otherUsers: `Også ${CPR_MASK} og ${CPR_MASK}` });
    expect(input).toEqual(before);
  });

  it('leaves institution codes, dates, times and phone numbers alone', () => {
    const { fields, maskedFields } = maskReportText({ institutionCode: '280123', occurredDate: '2026-11-23', occurredTime: '14:30', whatHappened: 'Ring på 12345678' });
    expect(maskedFields).toEqual([]);
    expect(fields.institutionCode).toBe('280123');
  });

  it('has a Danish reminder about anonymising screenshots', () => {
    expect(SCREENSHOT_REMINDER).toMatch(/anonymisere skærmbilleder/);
    expect(SCREENSHOT_REMINDER).toMatch(/navne, CPR-numre eller billeder af børn/);
  });
});
