-- The ledger capability: double-entry accounts and transfers, imported balance history, campaigns
-- and their settled days. Amounts are BIGINT minor units; times are BIGINT epoch millis; days are
-- ISO dates (TEXT) so they sort and compare the same on SQLite and PostgreSQL.

-- Assets and their scale (decimals); the first import or campaign naming an asset fixes it.
CREATE TABLE ledger_assets (
    asset      TEXT PRIMARY KEY,
    scale      INTEGER NOT NULL
);

-- One account per owner and asset. balance_minor is maintained in the same transaction as every
-- transfer touching the account, and 'ledger verify' checks it equals credits minus debits.
CREATE TABLE ledger_accounts (
    account_id    TEXT NOT NULL,
    asset         TEXT NOT NULL,
    no_negative   INTEGER NOT NULL,
    balance_minor BIGINT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    PRIMARY KEY (account_id, asset)
);

-- A transaction groups transfers that apply all-or-nothing. Its id is derived from what it pays,
-- so a replay conflicts on the primary key and posts nothing; digest commits to its legs so a
-- replay with different legs is refused instead of silently ignored.
CREATE TABLE ledger_transactions (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    legs         INTEGER NOT NULL,
    digest       TEXT NOT NULL,
    posted_at_ms BIGINT NOT NULL
);

-- A transfer debits one account and credits another of the same asset; never edited, corrected
-- by a reversing transfer (reverses = the id it undoes).
CREATE TABLE ledger_transfers (
    id             TEXT PRIMARY KEY,
    tx_id          TEXT NOT NULL,
    debit_account  TEXT NOT NULL,
    credit_account TEXT NOT NULL,
    asset          TEXT NOT NULL,
    amount_minor   BIGINT NOT NULL CHECK (amount_minor > 0),
    campaign_id    TEXT,
    day            TEXT,
    leg            TEXT NOT NULL,
    reverses       TEXT,
    posted_at_ms   BIGINT NOT NULL
);
CREATE INDEX ledger_transfers_campaign_day ON ledger_transfers (campaign_id, day);
CREATE INDEX ledger_transfers_credit ON ledger_transfers (credit_account, asset);
-- Settlement legs (pool, bonus) debit a campaign's pool, never a holder; indexing them by debit
-- account would add a million entries a day under one key for no reader. Statements of holders
-- find their debits (reversals, manual transfers) through this partial index.
CREATE INDEX ledger_transfers_debit ON ledger_transfers (debit_account, asset) WHERE leg NOT IN ('pool', 'bonus');

-- Holders (platform users) as imported: registration time decides who is a new user.
CREATE TABLE ledger_holders (
    account_id       TEXT PRIMARY KEY,
    registered_at_ms BIGINT NOT NULL
);

-- Balance history: the balance of an account after each change. First import of a key wins;
-- re-importing the same file changes nothing.
CREATE TABLE ledger_balance_history (
    asset         TEXT NOT NULL,
    account_id    TEXT NOT NULL,
    at_ms         BIGINT NOT NULL,
    balance_minor BIGINT NOT NULL,
    PRIMARY KEY (asset, account_id, at_ms)
);

-- A campaign id names one definition (canonical JSON); another definition under it is refused.
CREATE TABLE ledger_campaigns (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    definition    TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);

-- One row per day of a campaign, written when the day's plan is fixed (status 'running', with
-- the plan's digest and totals) and marked 'settled' after its last chunk committed. A resumed
-- run recomputes the plan and refuses to continue if the digest differs (inputs changed).
CREATE TABLE ledger_days (
    campaign_id           TEXT NOT NULL,
    day                   TEXT NOT NULL,
    status                TEXT NOT NULL,
    plan_digest           TEXT NOT NULL,
    chunks                INTEGER NOT NULL,
    accounts_paid         BIGINT NOT NULL,
    total_due_minor       BIGINT NOT NULL,
    paid_minor            BIGINT NOT NULL,
    pool_remaining_minor  BIGINT NOT NULL,
    pool_exhausted        INTEGER NOT NULL,
    bonus_accounts_paid   BIGINT NOT NULL,
    bonus_paid_minor      BIGINT NOT NULL,
    bonus_remaining_minor BIGINT NOT NULL,
    bonus_exhausted       INTEGER NOT NULL,
    started_at_ms         BIGINT NOT NULL,
    settled_at_ms         BIGINT,
    PRIMARY KEY (campaign_id, day)
);

-- Royalty usage credits per creator and day (until dataset usage feeds them directly).
CREATE TABLE ledger_usage_credits (
    day        TEXT NOT NULL,
    creator_id TEXT NOT NULL,
    credits    BIGINT NOT NULL,
    PRIMARY KEY (day, creator_id)
);
