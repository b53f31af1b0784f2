-- Applied, in its own transaction, just before schema.sql (same lock). Enum values added by
-- ALTER TYPE cannot be used in the transaction that adds them, and schema.sql's constraints name
-- MODIFIED, so a database made before MODIFIED existed gets the value committed here first.

DO $$ BEGIN
    CREATE TYPE event_state AS ENUM ('UNEDITED', 'EDITED', 'CLAIMED', 'FINALIZING', 'TRANSCODING', 'DONE', 'MODIFIED');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- Streamvault's first schema had no MODIFIED (a published video could not be re-edited).
ALTER TYPE event_state ADD VALUE IF NOT EXISTS 'MODIFIED';
