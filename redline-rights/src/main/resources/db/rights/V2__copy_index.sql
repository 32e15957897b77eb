-- What the copy index holds, so a restart rebuilds it by reading rows instead of re-hashing every
-- note (docs/rights.md, "Copies at intake"). One row per content item with text; written in the
-- transaction that stores the item's first decision.
CREATE TABLE rights_text_signatures (
    item_id   BIGINT PRIMARY KEY,
    author_id TEXT   NOT NULL,
    signature TEXT   NOT NULL            -- base64 of the 16-bit MinHash values (CopyParams.DEFAULT)
);

-- One row per uploaded image: its PDQ/dHash references (the image and its centre crops).
CREATE TABLE rights_image_hashes (
    item_id     BIGINT  NOT NULL,
    image_index INTEGER NOT NULL,
    author_id   TEXT    NOT NULL,
    hashes      TEXT    NOT NULL,        -- "pdq-hex:quality:dhash-hex" per reference, joined by ','
    PRIMARY KEY (item_id, image_index)
);
