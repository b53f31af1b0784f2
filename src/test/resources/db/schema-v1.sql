-- Streamvault / wubloader schema. Applied at every start by every node, so every statement
-- must be idempotent; the caller holds an advisory lock so nodes starting together take turns.
-- Only additive changes are safe here (new tables, ADD COLUMN IF NOT EXISTS, new constraints
-- guarded by a DO block): old nodes keep running against the same database.

DO $$ BEGIN
    CREATE TYPE event_state AS ENUM ('UNEDITED', 'EDITED', 'CLAIMED', 'FINALIZING', 'TRANSCODING', 'DONE');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

CREATE TABLE IF NOT EXISTS events (
    id UUID PRIMARY KEY,

    -- sheet inputs: what the event is, filled from the schedule
    sheet_name TEXT NOT NULL,
    event_start TIMESTAMP,
    event_end TIMESTAMP,
    category TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    submitter_winner TEXT NOT NULL DEFAULT '',
    poster_moment BOOLEAN NOT NULL DEFAULT FALSE,
    image_links TEXT[] NOT NULL DEFAULT '{}',
    notes TEXT NOT NULL DEFAULT '',
    tags TEXT[] NOT NULL DEFAULT '{}',

    -- edit inputs: what an editor chose; required outside UNEDITED (DONE excepted: manual uploads)
    allow_holes BOOLEAN NOT NULL DEFAULT FALSE,
    uploader_whitelist TEXT[],
    upload_location TEXT CONSTRAINT upload_location_set CHECK (state = 'UNEDITED' OR upload_location IS NOT NULL),
    public BOOLEAN NOT NULL DEFAULT TRUE,
    video_start TIMESTAMP CONSTRAINT video_start_set CHECK (state IN ('UNEDITED', 'DONE') OR video_start IS NOT NULL),
    video_end TIMESTAMP CONSTRAINT video_end_set CHECK (state IN ('UNEDITED', 'DONE') OR video_end IS NOT NULL),
    video_title TEXT CONSTRAINT video_title_set CHECK (state IN ('UNEDITED', 'DONE') OR video_title IS NOT NULL),
    video_description TEXT
        CONSTRAINT video_description_set CHECK (state IN ('UNEDITED', 'DONE') OR video_description IS NOT NULL),
    video_tags TEXT[] CONSTRAINT video_tags_set CHECK (state IN ('UNEDITED', 'DONE') OR video_tags IS NOT NULL),
    video_channel TEXT CONSTRAINT video_channel_set CHECK (state IN ('UNEDITED', 'DONE') OR video_channel IS NOT NULL),
    video_quality TEXT NOT NULL DEFAULT 'source',

    -- state: where the row is in the cut-and-upload pipeline
    state event_state NOT NULL DEFAULT 'UNEDITED',
    uploader TEXT CONSTRAINT uploader_set CHECK (state IN ('UNEDITED', 'EDITED', 'DONE') OR uploader IS NOT NULL),
    error TEXT,
    video_id TEXT,
    video_link TEXT CONSTRAINT video_link_set CHECK (state != 'DONE' OR video_link IS NOT NULL),
    editor TEXT CONSTRAINT editor_set CHECK (state = 'UNEDITED' OR editor IS NOT NULL),
    edit_time TIMESTAMP CONSTRAINT edit_time_set CHECK (state = 'UNEDITED' OR edit_time IS NOT NULL),
    upload_time TIMESTAMP CONSTRAINT upload_time_set CHECK (state != 'DONE' OR upload_time IS NOT NULL)
);

-- Almost every query but by id selects on state.
CREATE INDEX IF NOT EXISTS event_state ON events (state);

CREATE TABLE IF NOT EXISTS nodes (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    backfill_from BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE IF NOT EXISTS editors (
    email TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

-- Thumbnail templates (SPEC §10), as wubloader keeps them. A box is (left, top, right, bottom) in
-- pixels. crop: the part of the video frame to use; location: where in the template it goes.
-- attribution is added to the video description when not empty.
DO $$ BEGIN
    CREATE DOMAIN box_coords AS INTEGER[] CHECK (cardinality(VALUE) = 4 OR VALUE IS NULL);
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

CREATE TABLE IF NOT EXISTS templates (
    name TEXT PRIMARY KEY,
    image BYTEA NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    attribution TEXT NOT NULL DEFAULT '',
    crop box_coords NOT NULL,
    location box_coords NOT NULL
);
