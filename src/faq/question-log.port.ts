import type { AskOutcome } from './answer.types.js';

export interface QuestionRecord {
  /** The question with CPR-like numbers already masked. */
  question: string;
  outcome: AskOutcome;
  entryId: string | null;
  score: number;
  /** Opaque identity (`slack:…`, `teams:…`, `local:…`) or null when anonymous (CLI). */
  identity: string | null;
  channel: string;
}

export interface FeedbackRecord {
  questionId: number;
  entryId: string;
  helpful: boolean;
  identity: string | null;
}

export interface UnansweredQuestion {
  id: number;
  askedAt: string;
  question: string;
  score: number;
  channel: string;
}

/** Feedback on one entry: how often it helped and how often not. */
export interface EntryFeedback {
  entryId: string;
  helpful: number;
  notHelpful: number;
  /** When the latest "Hjalp ikke" was given (ISO), or null. */
  lastNotHelpfulAt: string | null;
}

/** Unanswered questions that read the same after normalising, with how often they were asked. */
export interface UnansweredGroup {
  /** The latest wording asked. */
  question: string;
  count: number;
  lastAskedAt: string;
  /** Ids of the logged questions in the group, newest first. */
  ids: number[];
}

/** Where asked questions and answer feedback are kept. */
export interface QuestionLog {
  /** Store one asked question; returns its id for feedback buttons. */
  record(q: QuestionRecord): number;
  /** Store helpful / not helpful for an answered question. Returns false if the question is unknown. */
  feedback(f: FeedbackRecord): boolean;
  /** Latest questions the bot could not answer, newest first. */
  unanswered(limit: number): UnansweredQuestion[];
  /** One logged question (masked text) and who asked it, for re-asking it after a clarifying choice. */
  question(id: number): { question: string; identity: string | null } | undefined;
  /** Feedback per entry, entries with the most "Hjalp ikke" first. */
  feedbackByEntry(limit: number): EntryFeedback[];
}
