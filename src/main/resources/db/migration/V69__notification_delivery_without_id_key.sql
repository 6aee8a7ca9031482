-- A notice's delivery row is found by (event, channel), its primary key; its id only orders the operators'
-- dead-letter list, which has its own partial index (notification_delivery_dead). The unique index on every row's id
-- cost each notice sent one more index entry (issue 18: PostgreSQL per order) and guarded nothing: the ids are
-- generated unique (io.flashorder.platform.Ids) and nothing refers to them.
ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_id_key;
