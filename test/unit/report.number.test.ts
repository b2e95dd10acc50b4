import { describe, expect, it } from 'vitest';
import { normaliseReportNumber } from '../../src/reports/report.number.js';

describe('normaliseReportNumber', () => {
  it('accepts every form of the same number', () => {
    for (const form of ['1', '000001', '#1', 'AULA-2026-000001', 'aula-2026-000001', 'aula-2026-1', '2026-1', ' AULA-2026-000001 ']) {
      expect(normaliseReportNumber(form, 2026), form).toBe('AULA-2026-000001');
    }
  });

  it('reads a running number as this year and keeps an explicit year', () => {
    expect(normaliseReportNumber('42', 2027)).toBe('AULA-2027-000042');
    expect(normaliseReportNumber('AULA-2025-000042', 2027)).toBe('AULA-2025-000042');
  });

  it('refuses what is no report number', () => {
    for (const bad of ['', 'abc', '0', '-1', '1.5', '1234567', 'AULA-26-1', 'AULA-2026-', 'godkend 5']) {
      expect(normaliseReportNumber(bad, 2026), bad).toBeUndefined();
    }
  });
});
