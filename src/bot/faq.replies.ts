import type { Answer, AskResult, Suggestion } from '../faq/answer.types.js';
import type { AskerRole } from '../faq/asker.port.js';
import { buttons, context, reply, text, type Reply, type ReplyElement } from './bot.types.js';

export const FAQ_ACTIONS = {
  suggestion: 'faq.suggestion',
  helpful: 'faq.helpful',
  notHelpful: 'faq.not_helpful',
  /** "Er du medarbejder eller forælder?": value `<questionId>:staff|parent`. */
  role: 'faq.role',
} as const;

/** Button values carry the logged question id and the entry id: `<questionId>:<entryId>`. */
export function feedbackValue(questionId: number, entryId: string): string {
  return `${questionId}:${entryId}`;
}

export function parseFeedbackValue(value: string): { questionId: number; entryId: string } | undefined {
  const m = /^(\d{1,15}):([a-z0-9-]{1,120})$/.exec(value);
  return m ? { questionId: Number(m[1]), entryId: m[2]! } : undefined;
}

export function parseRoleValue(value: string): { questionId: number; role: AskerRole } | undefined {
  const m = /^(\d{1,15}):(staff|parent)$/.exec(value);
  return m ? { questionId: Number(m[1]), role: m[2] as AskerRole } : undefined;
}

function sourceLine(a: Answer): string {
  const dated = a.asOf ? ` · gælder pr. ${a.asOf}` : '';
  return `Kilde: ${a.sources.join('; ')}${dated}`;
}

/** The answer itself: title, text and source line, without buttons. */
function answerElements(a: Answer): ReplyElement[] {
  return [text(`**${a.title}**\n\n${a.text}`), context(sourceLine(a))];
}

export function answerReply(a: Answer, questionId: number): Reply {
  const v = feedbackValue(questionId, a.id);
  return reply(
    ...answerElements(a),
    buttons([
      { actionId: FAQ_ACTIONS.helpful, label: 'Hjalp svaret', value: v },
      { actionId: FAQ_ACTIONS.notHelpful, label: 'Hjalp ikke', value: v },
    ]),
  );
}

function suggestionButtons(questionId: number, suggestions: readonly Suggestion[]): ReplyElement {
  return buttons(suggestions.map((s) => ({ actionId: FAQ_ACTIONS.suggestion, label: s.title, value: feedbackValue(questionId, s.id) })));
}

/** The neutral reply for a FAQ result: answer, a clarifying choice, "Mente du …?" choices, or an honest fallback. */
export function askReply(result: AskResult & { questionId: number }, fallbackText: string): Reply {
  if (result.outcome === 'answered' && result.answer) return answerReply(result.answer, result.questionId);
  if (result.clarify === 'role') {
    return reply(
      text('Svaret afhænger af, om du bruger Aula som medarbejder eller som forælder. Hvad passer på dig?'),
      buttons([
        { actionId: FAQ_ACTIONS.role, label: 'Jeg er medarbejder', value: `${result.questionId}:staff` },
        { actionId: FAQ_ACTIONS.role, label: 'Jeg er forælder', value: `${result.questionId}:parent` },
      ]),
      context('Jeg husker dit valg til næste gang.'),
    );
  }
  if (result.clarify === 'topic' && result.suggestions.length) {
    return reply(text('Hvad vil du gerne vide? Skriv gerne lidt mere om, hvad du prøver at gøre – eller vælg et af disse:'), suggestionButtons(result.questionId, result.suggestions));
  }
  if (result.outcome === 'suggested' && result.suggestions.length) {
    // Close candidates, or one that is not quite sure: the person picks, the bot does not guess.
    const lead = result.suggestions.length === 1 ? 'Mente du dette spørgsmål? Tryk på det for at se svaret.' : 'Flere svar kan passe. Vælg det spørgsmål, der ligner dit mest:';
    return reply(text(lead), suggestionButtons(result.questionId, result.suggestions));
  }
  return reply(text(fallbackText), context('Dit spørgsmål er gemt, så vi kan udvide svarene.'));
}

/**
 * After "Hjalp svaret" / "Hjalp ikke": the answer stays on screen with a short acknowledgement
 * below it; "Hjalp ikke" also offers the next best answers and the municipality's support.
 */
export function feedbackReply(answer: Answer | undefined, helpful: boolean, questionId: number, next: readonly Suggestion[], supportText: string): Reply {
  const kept = answer ? answerElements(answer) : [];
  if (helpful) return { ...reply(...kept, context('✅ Tak! Godt at svaret hjalp.')), replaces: true };
  const elements: ReplyElement[] = [...kept, context('Tak for din tilbagemelding – vi bruger den til at forbedre svarene.')];
  if (next.length) elements.push(text('Måske er et af disse svar det, du leder efter:'), suggestionButtons(questionId, next));
  elements.push(text(supportText));
  return { ...reply(...elements), replaces: true };
}
