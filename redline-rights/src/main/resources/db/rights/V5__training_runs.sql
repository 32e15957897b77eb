-- Usage (docs/rights.md, "Training runs and usage credits"): a training run registers the dataset
-- version it used; each item of that version earns 1 usage credit per run, credited to the author
-- of the work (an original's author for a copy), on the UTC day the run was registered. The
-- ledger's royalty campaigns read the credits per day (credits: training).
CREATE TABLE rights_training_runs (
    run_id           TEXT    PRIMARY KEY,   -- chosen by the registering job: registering again is idempotent
    name             TEXT    NOT NULL,
    version          TEXT    NOT NULL,
    model            TEXT    NOT NULL,
    day              TEXT    NOT NULL,      -- 2026-12-01: the UTC day of registration, the day its credits count on
    items            INTEGER NOT NULL,      -- items credited (the version's, less those already revoked)
    registered_at_ms BIGINT  NOT NULL,
    registered_by    TEXT    NOT NULL
);
CREATE INDEX rights_training_runs_dataset ON rights_training_runs (name, version);

CREATE TABLE rights_usage_credits (
    run_id    TEXT   NOT NULL,
    day       TEXT   NOT NULL,
    author_id TEXT   NOT NULL,
    credits   BIGINT NOT NULL,
    PRIMARY KEY (run_id, author_id)
);
CREATE INDEX rights_usage_credits_day ON rights_usage_credits (day, author_id);
CREATE INDEX rights_usage_credits_author ON rights_usage_credits (author_id, day);
