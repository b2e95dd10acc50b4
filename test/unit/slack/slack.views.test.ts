import { describe, expect, it } from 'vitest';
import { reportForm } from '../../../src/reports/report.form.js';
import { REPORT_FIELD_ORDER } from '../../../src/reports/report.labels.js';
import { parseReportInput } from '../../../src/reports/report.schema.js';
import { formValues, reportFormView } from '../../../adapters/slack/slack.views.js';

describe('report form modal', () => {
  it('has one input block per field with block_id and action_id = field key', () => {
    const view = reportFormView(reportForm(), 12) as { blocks: { type: string; block_id?: string; optional?: boolean; element?: { type: string; action_id: string } }[]; private_metadata: string };
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual(REPORT_FIELD_ORDER);
    expect(inputs.every((b) => b.element?.action_id === b.block_id)).toBe(true);
    expect(view.private_metadata).toBe('12');
    const types = Object.fromEntries(inputs.map((b) => [b.block_id, b.element?.type]));
    expect(types).toMatchObject({ area: 'static_select', severity: 'static_select', occurredDate: 'datepicker', occurredTime: 'timepicker', setupChecked: 'checkboxes', title: 'plain_text_input' });
    expect(inputs.find((b) => b.block_id === 'groupName')?.optional).toBe(true);
    expect(inputs.find((b) => b.block_id === 'title')?.optional).toBe(false);
  });

  it('keeps what was typed: draft values come back as initial values', () => {
    const view = reportFormView(reportForm({ title: 'Min titel', area: 'grupper', occurredDate: '2026-11-20', setupChecked: true }), 1);
    const json = JSON.stringify(view);
    expect(json).toContain('"initial_value":"Min titel"');
    expect(json).toContain('"initial_date":"2026-11-20"');
    expect(json).toMatch(/"initial_option":\{"text":\{[^}]*"text":"Grupper"/);
    expect(json).toContain('"initial_options"');
  });

  it('reads view_submission state into input the core validates', () => {
    const state = {
      title: { title: { type: 'plain_text_input', value: 'Kalender tom' } },
      area: { area: { type: 'static_select', selected_option: { value: 'kalender' } } },
      occurredDate: { occurredDate: { type: 'datepicker', selected_date: '2026-11-20' } },
      occurredTime: { occurredTime: { type: 'timepicker', selected_time: '09:30' } },
      setupChecked: { setupChecked: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
      errorText: { errorText: { type: 'plain_text_input', value: null } },
    };
    const values = formValues(state);
    expect(values).toEqual({ title: 'Kalender tom', area: 'kalender', occurredDate: '2026-11-20', occurredTime: '09:30', setupChecked: true, errorText: '' });
    const parsed = parseReportInput(values, new Date('2026-11-23T12:00:00Z'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.draft).toMatchObject({ title: 'Kalender tom', area: 'kalender' });
  });
});
