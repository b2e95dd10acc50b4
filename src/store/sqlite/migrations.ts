/**
 * Schema migrations, applied in order inside one transaction each. Never edit a released
 * migration: add a new one. `PRAGMA user_version` records how many have run.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    asked_at TEXT NOT NULL,
    question TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'suggested', 'unanswered')),
    entry_id TEXT,
    score REAL NOT NULL,
    identity TEXT,
    channel TEXT NOT NULL
  );
  CREATE INDEX questions_outcome ON questions (outcome, asked_at);
  CREATE TABLE answer_feedback (
    id INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES questions (id),
    entry_id TEXT NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    identity TEXT,
    given_at TEXT NOT NULL
  );
  `,
];
