import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskCpr } from '../../src/privacy/cpr.js';
import { maskReportText } from '../../src/reports/report.privacy.js';
import { REPORT_FIELD_ORDER } from '../../src/reports/report.labels.js';
import { parseDraft, parseReportInput } from '../../src/reports/report.schema.js';
import { renderReportText } from '../../src/reports/report.render.js';
import { realKnowledge } from '../harness/bot.harness.js';

const SEED = 20261123;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A CPR-like number with a valid day and month, any serial (modulus 11 deliberately ignored). */
const cpr = fc
  .record({ month: fc.integer({ min: 1, max: 12 }), dayPick: fc.integer({ min: 1, max: 31 }), year: fc.integer({ min: 0, max: 99 }), serial: fc.integer({ min: 0, max: 9999 }), sep: fc.constantFrom('', '-', ' ') })
  .map(({ month, dayPick, year, serial, sep }) => {
    const day = Math.min(dayPick, DAYS[month - 1]!);
    const p = (n: number, w: number) => String(n).padStart(w, '0');
    return `${p(day, 2)}${p(month, 2)}${p(year, 2)}${sep}${p(serial, 4)}`;
  });
/** Text around the number that cannot glue extra digits onto it. */
const words = fc.string({ maxLength: 40 }).map((s) => s.replace(/\d/g, ''));

describe('property tests (deterministic seed)', () => {
  it('CPR masking never lets a valid-date CPR number through', () => {
    fc.assert(
      fc.property(words, cpr, words, (a, n, b) => {
        const masked = maskCpr(`${a} ${n} ${b}`);
        expect(masked.text).not.toContain(n);
        expect(masked.text).not.toContain(n.replace(/[- ]/, ''));
        expect(masked.masked).toBeGreaterThanOrEqual(1);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('no CPR number survives in any report field or in the rendering sent to Netcompany', () => {
    const textFields = REPORT_FIELD_ORDER.filter((f) => !['area', 'workedBefore', 'platform', 'profileType', 'affectedScope', 'severity', 'setupChecked', 'occurredDate', 'occurredTime', 'attachments'].includes(f));
    fc.assert(
      fc.property(fc.constantFrom(...textFields), cpr, words, (field, n, around) => {
        const base = {
          title: 'Fejl', area: 'beskeder', whatHappened: 'x', expected: 'y', steps: 'z', occurredDate: '2026-11-20', occurredTime: '08:00', workedBefore: 'ja', platform: 'web',
          os: 'Windows 11', clientVersion: 'Chrome 126', affectedNames: 'Mette Hansen', profileType: 'medarbejder', institutionName: 'Skolen', institutionCode: '280123',
          affectedScope: 'institution', severity: 'alvorlig',
        } as Record<string, unknown>;
        const input = { ...base, [field]: `${around} ${n}`.slice(-100) };
        const { fields } = maskReportText(parseDraft(input));
        expect(JSON.stringify(fields)).not.toContain(n);
        const parsed = parseReportInput(fields, new Date('2026-11-23T12:00:00Z'));
        if (parsed.ok) {
          const text = renderReportText({ number: 'AULA-2026-000001', municipality: { code: '461', name: 'Odense Kommune' }, reporter: { name: 'A', email: 'a@b.dk' }, fields: parsed.value });
          expect(text).not.toContain(n);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('the report schema never throws and never accepts what cannot be stored', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = parseReportInput(input, new Date('2026-11-23T12:00:00Z'));
        if (r.ok) expect(() => JSON.stringify(r.value)).not.toThrow();
        else expect(typeof r.errors).toBe('object');
        expect(() => JSON.stringify(parseDraft(input))).not.toThrow();
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('search and data answers never throw on any string (emoji, control characters, RTL, huge)', () => {
    const snap = realKnowledge().current();
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constant('x'.repeat(1_000_000)), fc.constant('\u202Eمرحبا Ærø 😀\u0000')), (q) => {
        expect(() => snap.search.search(q, 3)).not.toThrow();
        expect(() => snap.data.answer(q)).not.toThrow();
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
