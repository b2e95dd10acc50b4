import { cleanText } from '../privacy/clean.js';
import { REPORT_FIELD_ORDER } from './report.labels.js';
import type { ReportDraft, ReportFields } from './report.schema.js';

/** Shown wherever screenshots are attached; Netcompany must not receive personal data it does not need. */
export const SCREENSHOT_REMINDER =
  'Husk at anonymisere skærmbilleder, før du vedhæfter dem: ingen navne, CPR-numre eller billeder af børn, medmindre det er nødvendigt for at forstå fejlen.';

/**
 * Clean (normalise, mask CPR-like numbers) every text field and every attachment link of a report. Returns a
 * copy (the input is not changed) and the fields where something was masked, in form order.
 */
export function maskReportText<T extends ReportDraft>(fields: T): { fields: T; maskedFields: (keyof ReportFields)[] } {
  const out: Record<string, unknown> = { ...fields };
  const maskedFields: (keyof ReportFields)[] = [];
  for (const key of REPORT_FIELD_ORDER) {
    const value: unknown = out[key];
    let masked = 0;
    if (typeof value === 'string') {
      const r = cleanText(value);
      out[key] = r.text;
      masked = r.masked;
    } else if (Array.isArray(value)) {
      out[key] = value.map((item: unknown) => {
        if (typeof item !== 'string') return item;
        const r = cleanText(item);
        masked += r.masked;
        return r.text;
      });
    }
    if (masked > 0) maskedFields.push(key);
  }
  return { fields: out as T, maskedFields };
}
