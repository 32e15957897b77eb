-- Dataset versions exported for training (docs/rights.md, "Datasets"): one row per version, one
-- row per item it holds, so revocation impact and usage credits can ask which versions hold an item.
CREATE TABLE rights_datasets (
    name            TEXT    NOT NULL,
    version         TEXT    NOT NULL,      -- the export time, 20261201T000000000Z
    spec_json       TEXT    NOT NULL,      -- the canonical spec
    spec_sha256     TEXT    NOT NULL,
    at_ms           BIGINT  NOT NULL,
    items           INTEGER NOT NULL,
    card_sha256     TEXT    NOT NULL,
    created_at_ms   BIGINT  NOT NULL,
    created_by      TEXT    NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE TABLE rights_dataset_items (
    name              TEXT   NOT NULL,
    version           TEXT   NOT NULL,
    item_id           TEXT   NOT NULL,
    author_id         TEXT   NOT NULL,
    consent_record_id BIGINT,
    consent_state     TEXT   NOT NULL,
    content_sha256    TEXT   NOT NULL,
    copy_group        TEXT   NOT NULL,
    PRIMARY KEY (name, version, item_id)
);
CREATE INDEX rights_dataset_items_item ON rights_dataset_items (item_id);
CREATE INDEX rights_dataset_items_author ON rights_dataset_items (author_id);
