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
  `
  CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    municipality_code TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('staff', 'superuser', 'admin')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX people_municipality ON people (municipality_code);
  CREATE TABLE identities (
    identity TEXT PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id),
    source TEXT NOT NULL CHECK (source IN ('email', 'manual')),
    linked_at TEXT NOT NULL
  );
  CREATE TABLE seats (
    id INTEGER PRIMARY KEY,
    municipality_code TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people (id),
    assigned_at TEXT NOT NULL,
    assigned_by TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by TEXT
  );
  CREATE UNIQUE INDEX seats_one_active ON seats (municipality_code, person_id) WHERE revoked_at IS NULL;
  CREATE TABLE report_numbers (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);
  CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    number TEXT UNIQUE,
    municipality_code TEXT NOT NULL,
    reporter_id INTEGER NOT NULL REFERENCES people (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'forwarded', 'rejected', 'needs_info', 'withdrawn')),
    fields TEXT NOT NULL,
    draft_step TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    decided_by INTEGER REFERENCES people (id),
    decided_at TEXT,
    decision_note TEXT,
    external_status TEXT,
    external_reference TEXT,
    closed_at TEXT,
    anonymised_at TEXT
  );
  CREATE INDEX reports_municipality_status ON reports (municipality_code, status, submitted_at);
  CREATE INDEX reports_reporter ON reports (reporter_id);
  CREATE TABLE report_notes (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id),
    person_id INTEGER NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL CHECK (kind IN ('same_error', 'info_answer', 'status')),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    before TEXT,
    after TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused'))
  );
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL UNIQUE REFERENCES reports (id),
    idempotency_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    delivered_at TEXT
  );
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
  CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL,
    report_id INTEGER REFERENCES reports (id),
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    delivered_at TEXT,
    delivered_via TEXT
  );
  CREATE INDEX notifications_pending ON notifications (person_id, delivered_at);
  CREATE TABLE conversation_state (
    identity TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE channel_settings (
    municipality_code TEXT NOT NULL,
    platform TEXT NOT NULL,
    channel TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (municipality_code, platform)
  );
  CREATE TABLE posted_messages (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id),
    platform TEXT NOT NULL,
    channel TEXT NOT NULL,
    message_id TEXT NOT NULL,
    shown_version INTEGER NOT NULL,
    posted_at TEXT NOT NULL,
    UNIQUE (platform, channel, message_id)
  );
  CREATE INDEX posted_messages_report ON posted_messages (report_id);
  CREATE TABLE processed_events (
    event_key TEXT PRIMARY KEY,
    processed_at TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE conversation_refs (
    identity TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    reference TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  `
  -- These tables grow for years; the queries run on every chat message and notification pass.
  CREATE INDEX reports_reporter_status ON reports (reporter_id, status);
  CREATE INDEX notifications_undelivered ON notifications (id) WHERE delivered_at IS NULL;
  `,
  `
  -- FAQ: who asks (staff or parent, chosen once when an answer depends on it) and each
  -- municipality's own Aula support contact for the "no answer" text (admin kontakt).
  CREATE TABLE asker_roles (
    identity TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('staff', 'parent')),
    chosen_at TEXT NOT NULL
  );
  CREATE TABLE support_contacts (
    municipality_code TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL
  );
  `,
];
