-- The review sweep looks for rescreen decisions newer than its watermark, to close the review
-- tasks they made moot. A partial index holds only rescreen rows, so the hot path (first
-- decisions, reviewer verdicts) pays nothing for it. SQLite and PostgreSQL both support it.
CREATE INDEX decisions_rescreen_id ON decisions (id) WHERE origin = 'rescreen';
