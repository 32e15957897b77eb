-- Human review: tasks in queues with leases, appeals, quality samples and user reports.
-- Plain SQL for SQLite and PostgreSQL alike: BIGINT epoch millis, TEXT codes, no engine types.

-- One row per piece of human work. kind: decision (a review decision to check), quality (a blind
-- second review of a sampled decision), appeal (a creator contests a decision), report (a user
-- complaint). A task is open until decided; escalation moves it to another queue. A lease is
-- claimed_by + lease_until_ms; an expired lease is as good as none, so the task is back in its queue.
CREATE TABLE review_tasks (
    id                BIGINT PRIMARY KEY,
    kind              TEXT NOT NULL,
    content_id        BIGINT NOT NULL,
    -- The decision (seq) this task is about; for quality tasks the decision under second review.
    decision_seq      INTEGER NOT NULL,
    author_id         TEXT NOT NULL,
    category          TEXT NOT NULL,
    queue             TEXT NOT NULL,
    priority          INTEGER NOT NULL,
    deadline_at_ms    BIGINT NOT NULL,
    created_at_ms     BIGINT NOT NULL,
    state             TEXT NOT NULL,
    claimed_by        TEXT,
    lease_until_ms    BIGINT,
    -- Who may not claim it: the decider of an appealed decision, the first reviewer of a quality sample.
    excluded_reviewer TEXT,
    -- Quality samples only: the first verdict (approve|reject) and who gave it; hidden from the second reviewer.
    first_verdict     TEXT,
    first_decider     TEXT,
    source_task_id    BIGINT,
    -- Appeal message, or the latest escalation note.
    note              TEXT,
    escalations       INTEGER NOT NULL,
    verdict           TEXT,
    reason_code       TEXT,
    decided_by        TEXT,
    decided_at_ms     BIGINT,
    -- The decision the verdict appended (null for quality samples, which never change a decision).
    result_seq        INTEGER,
    -- Idempotence: one task of a kind per decision (one review task, one appeal, one sample, one report task).
    CONSTRAINT review_tasks_kind_content_seq UNIQUE (kind, content_id, decision_seq)
);
CREATE INDEX review_tasks_queue_order ON review_tasks (state, queue, priority, deadline_at_ms, id);
CREATE INDEX review_tasks_content ON review_tasks (content_id, state);
CREATE INDEX review_tasks_author ON review_tasks (author_id, kind, id);
CREATE INDEX review_tasks_decided ON review_tasks (decided_at_ms);

-- User reports. The task carries the outcome; a reporter reports one task once.
CREATE TABLE review_reports (
    id             BIGINT PRIMARY KEY,
    content_id     BIGINT NOT NULL,
    author_id      TEXT NOT NULL,
    reporter       TEXT NOT NULL,
    category       TEXT NOT NULL,
    body           TEXT NOT NULL,
    task_id        BIGINT NOT NULL REFERENCES review_tasks (id),
    created_at_ms  BIGINT NOT NULL,
    respond_by_ms  BIGINT NOT NULL,
    CONSTRAINT review_reports_task_reporter UNIQUE (task_id, reporter)
);
CREATE INDEX review_reports_reporter ON review_reports (reporter, id);
CREATE INDEX review_reports_author ON review_reports (author_id, task_id);

-- Durable positions of the sweeps that scan decisions (e.g. the auto-allow quality sample).
CREATE TABLE review_sweeps (
    name     TEXT PRIMARY KEY,
    position BIGINT NOT NULL
);

-- The sweeps look for current review decisions without a task and for new allow decisions: both
-- are ranges of this index instead of scans of every decision.
CREATE INDEX decisions_action_id ON decisions (action, id);
