import type { Answer, AskResult } from '../faq/answer.types.js';
import { buttons, context, reply, text, type Reply } from './bot.types.js';

export const FAQ_ACTIONS = {
  suggestion: 'faq.suggestion',
  helpful: 'faq.helpful',
  notHelpful: 'faq.not_helpful',
} as const;

/** Button values carry the logged question id and the entry id: `<questionId>:<entryId>`. */
export function feedbackValue(questionId: number, entryId: string): string {
  return `${questionId}:${entryId}`;
}

export function parseFeedbackValue(value: string): { questionId: number; entryId: string } | undefined {
  const m = /^(\d{1,15}):([a-z0-9-]{1,120})$/.exec(value);
  return m ? { questionId: Number(m[1]), entryId: m[2]! } : undefined;
}

function sourceLine(a: Answer): string {
  const dated = a.asOf ? ` · gælder pr. ${a.asOf}` : '';
  return `Kilde: ${a.sources.join('; ')}${dated}`;
}

export function answerReply(a: Answer, questionId: number): Reply {
  const v = feedbackValue(questionId, a.id);
  return reply(
    text(`**${a.title}**\n\n${a.text}`),
    context(sourceLine(a)),
    buttons([
      { actionId: FAQ_ACTIONS.helpful, label: 'Hjalp svaret', value: v },
      { actionId: FAQ_ACTIONS.notHelpful, label: 'Hjalp ikke', value: v },
    ]),
  );
}

/** The neutral reply for a FAQ result: answer, "Mente du …?" choices, or an honest fallback. */
export function askReply(result: AskResult & { questionId: number }, fallbackText: string): Reply {
  if (result.outcome === 'answered' && result.answer) return answerReply(result.answer, result.questionId);
  if (result.outcome === 'suggested') {
    return reply(
      text('Jeg er ikke sikker på, hvad du mener. Mente du et af disse spørgsmål?'),
      buttons(result.suggestions.map((s) => ({ actionId: FAQ_ACTIONS.suggestion, label: s.title, value: feedbackValue(result.questionId, s.id) }))),
    );
  }
  return reply(text(fallbackText), context('Dit spørgsmål er gemt, så vi kan udvide svarene.'));
}
