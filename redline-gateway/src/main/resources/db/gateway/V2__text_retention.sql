-- Full texts have their own retention (gateway.textRetentionDays): when it passes, the exchange's
-- prompt and output contents keep only their SHA-256 and the row records when that happened.
-- The partial index holds only rows whose texts are still kept, so the retention sweep reads the
-- rows it has to handle and never the ones it already did.
ALTER TABLE gateway_exchanges ADD COLUMN text_expired_at_ms BIGINT;
CREATE INDEX gateway_exchanges_text_kept ON gateway_exchanges (id) WHERE text_expired_at_ms IS NULL;
