-- Content Credentials (C2PA) of uploaded images (docs/aigc-labels.md): what validation found for
-- the upload as received (valid, untrusted, tampered, unsigned, unverifiable), and the digital
-- source type its active manifest declares; both null when the image carries no C2PA store.
-- Policies read them through the "credential" condition (docs/policies.md).
ALTER TABLE content_images ADD COLUMN c2pa_status TEXT;
ALTER TABLE content_images ADD COLUMN c2pa_source_type TEXT;
