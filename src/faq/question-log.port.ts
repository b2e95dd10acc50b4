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

/** Where asked questions and answer feedback are kept. */
export interface QuestionLog {
  /** Store one asked question; returns its id for feedback buttons. */
  record(q: QuestionRecord): number;
  /** Store helpful / not helpful for an answered question. Returns false if the question is unknown. */
  feedback(f: FeedbackRecord): boolean;
  /** Latest questions the bot could not answer, newest first. */
  unanswered(limit: number): UnansweredQuestion[];
}
