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
  /**
   * Set with outcome `suggested` when the answer depends on who asks: the bot asks "Er du
   * medarbejder eller forælder?" and answers again with the role. `topic`: the question does
   * not say what it is about; the suggestions are broad starting points.
   */
  clarify?: 'role' | 'topic';
}

/** What is known about the asker when a question is asked. */
export interface AskContext {
  /** From the directory (registered people are staff side), an earlier choice, or unknown. */
  role?: 'staff' | 'parent';
}
