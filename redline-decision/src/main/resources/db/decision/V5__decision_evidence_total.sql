-- Evidence per decision is capped (Assessment.EVIDENCE_HITS_MAX); the number of hits the screener
-- found is kept here. Null on rows stored before the cap, which kept every hit.
ALTER TABLE decisions ADD COLUMN evidence_total INTEGER;
