/** An answer the bot can show, from a FAQ entry or generated from a data table. */
export interface Answer {
  id: string;
  title: string;
  /** Danish Markdown shown to the user. */
  text: string;
  sources: string[];
  /** When the fact holds, for dated facts. */
  asOf?: string;
}

export interface Suggestion {
  id: string;
  title: string;
}

export type AskOutcome = 'answered' | 'suggested' | 'unanswered';

/** Result of asking the FAQ: an answer, "Mente du …?" suggestions, or an honest "don't know". */
export interface AskResult {
  outcome: AskOutcome;
  answer: Answer | null;
  suggestions: Suggestion[];
  /** Confidence of the best match in [0, 1]. */
  score: number;
}
