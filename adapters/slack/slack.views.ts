import type { FormField } from '../../src/reports/report.form.js';
import type { Block } from './slack.render.js';

export const REPORT_FORM_CALLBACK = 'report_form';
export const REPORT_REVIEW_CALLBACK = 'report_review';
export const BUTTON_INPUT_CALLBACK = 'button_input';

/** A plain_text object clipped to `max` characters (Slack limits: 24 for titles, 75 for options, 150 for labels). */
export const plain = (text: string, max = 150) => ({ type: 'plain_text', text: [...text].slice(0, max).join(''), emoji: true });

function element(f: FormField): Block {
  const initial = f.value;
  switch (f.kind) {
    case 'choice': {
      const options = (f.choices ?? []).map((c) => ({ text: plain(c.label.slice(0, 75)), value: c.key }));
      const selected = options.find((o) => o.value === initial);
      return { type: 'static_select', action_id: f.key, placeholder: plain('Vælg'), options, ...(selected ? { initial_option: selected } : {}) };
    }
    case 'date':
      return { type: 'datepicker', action_id: f.key, ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { initial_date: initial } : {}) };
    case 'time':
      return { type: 'timepicker', action_id: f.key, ...(initial && /^\d{2}:\d{2}$/.test(initial) ? { initial_time: initial } : {}) };
    case 'checkbox': {
      const option = { text: plain('Ja, det er tjekket'), value: 'true' };
      return { type: 'checkboxes', action_id: f.key, options: [option], ...(initial === 'true' ? { initial_options: [option] } : {}) };
    }
    default:
      return {
        type: 'plain_text_input',
        action_id: f.key,
        multiline: f.kind === 'multiline' || f.kind === 'links',
        ...(f.maxLength ? { max_length: f.maxLength } : {}),
        ...(initial ? { initial_value: initial } : {}),
      };
  }
}

/** The report form as a Slack modal: one input block per field, block_id = field key. */
export function reportFormView(fields: readonly FormField[], draftId: number, opts: { number?: string; note?: string } = {}): Block {
  return {
    type: 'modal',
    callback_id: REPORT_FORM_CALLBACK,
    private_metadata: String(draftId),
    title: plain(opts.number ? 'Ret fejlrapport' : 'Ny fejlrapport', 24),
    submit: plain('Videre'),
    // Closing saves nothing; "Videre" saves everything typed, also when something is missing.
    close: plain('Luk'),
    blocks: [
      ...(opts.number ? [{ type: 'section', text: { type: 'mrkdwn', text: `*Du retter ${opts.number}.*${opts.note ? ` Spørgsmålet var: ${opts.note.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)}` : ''}`.slice(0, 3000) } }] : []),
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Skriv fulde navne (ikke UNI-login) og aldrig CPR-numre. Når du trykker »Videre«, gemmes det, du har skrevet, som kladde – også hvis noget mangler.' }] },
      ...fields.map((f) => ({
        type: 'input',
        block_id: f.key,
        optional: !f.required,
        label: plain(f.label),
        hint: plain(f.help, 2000),
        element: element(f),
      })),
    ],
  };
}

/** Pull the submitted values out of `view.state.values` as the raw form input the core parses. */
export function formValues(state: Record<string, Record<string, Record<string, unknown>>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [block, actions] of Object.entries(state ?? {})) {
    const a = actions?.[block] as Record<string, unknown> | undefined;
    if (!a) continue;
    if ('selected_option' in a) out[block] = (a.selected_option as { value?: string } | null)?.value ?? '';
    else if ('selected_date' in a) out[block] = a.selected_date ?? '';
    else if ('selected_time' in a) out[block] = a.selected_time ?? '';
    else if ('selected_options' in a) out[block] = ((a.selected_options as unknown[]) ?? []).length > 0;
    else out[block] = a.value ?? '';
  }
  return out;
}

/** Small modal asking for the text a button needs (a reason or a question). */
export function buttonInputView(label: string, meta: string): Block {
  return {
    type: 'modal',
    callback_id: BUTTON_INPUT_CALLBACK,
    private_metadata: meta,
    title: plain('Aula-support'),
    submit: plain('Send'),
    close: plain('Annuller'),
    blocks: [{ type: 'input', block_id: 'text', label: plain(label), element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 2000 } }],
  };
}
