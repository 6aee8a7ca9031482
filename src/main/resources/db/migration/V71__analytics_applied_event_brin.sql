-- analytics_applied_event gets a row per order event (issue 18: the dedupe row of every placed order). Its B-tree on
-- applied_at cost an index insert and a WAL record per event, for a purge that runs every ten minutes
-- (AppliedEventPurgeJob: applied_at < cutoff, 5,000 at a time). The rows are appended in applied_at order, so a BRIN
-- index (a summary per range of pages, updated on insert only for ranges already summarised) finds the old ones as
-- well, at almost no cost per event.
DROP INDEX analytics_applied_event_by_time;
CREATE INDEX analytics_applied_event_by_time ON analytics_applied_event USING brin (applied_at);
