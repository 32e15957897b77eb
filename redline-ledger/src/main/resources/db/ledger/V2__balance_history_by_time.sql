-- A settlement run carries each account's balance from one day to the next and reads, for every
-- day after its first, only the records inside that day: this index makes that read a range scan
-- over the day instead of a pass over the whole history.
CREATE INDEX ledger_balance_history_at ON ledger_balance_history (asset, at_ms);
