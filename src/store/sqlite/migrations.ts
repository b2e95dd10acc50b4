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
  -- Status callback signatures already used, kept until their 5-minute window has passed (replay guard).
  CREATE TABLE IF NOT EXISTS seen_signatures (
    signature TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS seen_signatures_expiry ON seen_signatures (expires_at);
  `,
  `
  -- Notifications: retried with backoff per row, given up as 'undeliverable' (then e-mailed when SMTP
  -- is set). missed_by lists the chat platforms that could not reach the person in the current round.
  ALTER TABLE notifications ADD COLUMN status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'undeliverable'));
  ALTER TABLE notifications ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE notifications ADD COLUMN next_attempt_at TEXT NOT NULL DEFAULT '';
  ALTER TABLE notifications ADD COLUMN last_error TEXT;
  ALTER TABLE notifications ADD COLUMN missed_by TEXT NOT NULL DEFAULT '';
  ALTER TABLE notifications ADD COLUMN email_attempts INTEGER NOT NULL DEFAULT 0;
  UPDATE notifications SET status = 'delivered' WHERE delivered_at IS NOT NULL;
  CREATE INDEX IF NOT EXISTS notifications_due ON notifications (status, next_attempt_at, id);
  CREATE INDEX IF NOT EXISTS notifications_report ON notifications (report_id);
  -- Negative look-up cache: a person a platform could not find is not looked up again before 'until'.
  CREATE TABLE IF NOT EXISTS notification_unreachable (
    person_id INTEGER NOT NULL,
    platform TEXT NOT NULL,
    until TEXT NOT NULL,
    PRIMARY KEY (person_id, platform)
  );
  CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at);
  CREATE INDEX IF NOT EXISTS answer_feedback_question ON answer_feedback (question_id);
  CREATE INDEX IF NOT EXISTS processed_events_at ON processed_events (processed_at);
  CREATE INDEX IF NOT EXISTS audit_log_subject ON audit_log (subject);
  `,
  `
  -- Issue 11 (2, 4): ids that stay unique across a backup restore and across installations, and
  -- supplements ("samme fejl her") delivered through the outbox after their report.
  CREATE TABLE installation (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  INSERT INTO installation (key, value)
    SELECT 'id', lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12))
    FROM (SELECT hex(randomblob(16)) AS h);
  ALTER TABLE reports ADD COLUMN uid TEXT;
  UPDATE reports SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
  CREATE UNIQUE INDEX reports_uid ON reports (uid);
  ALTER TABLE report_notes ADD COLUMN details TEXT;
  -- The outbox held one row per report (report_id UNIQUE); a report now also has supplement rows.
  CREATE TABLE outbox_v2 (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id),
    kind TEXT NOT NULL DEFAULT 'report' CHECK (kind IN ('report', 'supplement')),
    note_id INTEGER REFERENCES report_notes (id),
    idempotency_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    delivered_at TEXT
  );
  INSERT INTO outbox_v2 (id, report_id, kind, idempotency_key, status, attempts, next_attempt_at, lease_until, last_error, created_at, delivered_at)
    SELECT id, report_id, 'report', idempotency_key, status, attempts, next_attempt_at, lease_until, last_error, created_at, delivered_at FROM outbox;
  DROP TABLE outbox;
  ALTER TABLE outbox_v2 RENAME TO outbox;
  CREATE UNIQUE INDEX outbox_one_per_report ON outbox (report_id) WHERE kind = 'report';
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
  CREATE INDEX outbox_report ON outbox (report_id);
  `,
  `
  -- people remove: the person row stays for old reports and the audit trail, but no longer resolves.
  ALTER TABLE people ADD COLUMN removed_at TEXT;
  `,
  `
  -- What each posted approval card last showed (a hash of the rendered card): an update that would
  -- show the same thing again is skipped (Teams throttles; a municipality may have 15 seat holders).
  ALTER TABLE posted_messages ADD COLUMN shown_hash TEXT;
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
