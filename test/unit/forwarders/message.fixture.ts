import type { ForwardMessage } from '../../../src/outbox/forwarder.port.js';

/** A realistic approved report as the outbox worker would hand it over. */
export function sampleMessage(overrides: Partial<ForwardMessage> = {}): ForwardMessage {
  return {
    reportNumber: 'AULA-2025-0042',
    idempotencyKey: 'outbox-7f3c2a9e-report-42',
    subject: 'Fejlrapport AULA-2025-0042: Beskeder når ikke frem til forældre (Alvorlig)',
    text: 'Fejlrapport AULA-2025-0042\nKommune: Ærø (492)\nOmråde: Beskeder\nBeskrivelse: Når personalet sender en besked til forældre, står den som "ikke sendt".\n',
    payload: {
      municipalityCode: '492',
      area: 'beskeder',
      severity: 'alvorlig',
      description: 'Når personalet sender en besked til forældre, står den som "ikke sendt".',
      approvedBy: 'Søren Ørum',
    },
    ...overrides,
  };
}
