-- Streamvault / wubloader schema (SPEC §6): wubloader's current tables, so nodes of both kinds
-- share one database. Applied at every start by every node, after schema-types.sql, so every
-- statement must be idempotent; the caller holds an advisory lock (READ COMMITTED, so each
-- statement sees what a node before us committed) and nodes starting together take turns.
-- A database made by Streamvault's first schema (UUID ids, video_start/video_end, editors) is
-- migrated in place below; after that migration those columns are gone, so nodes of the old
-- version must not keep running against the database.

DO $$ BEGIN
    -- One piece of video to cut, [start, end) in UTC.
    CREATE TYPE video_range AS (start TIMESTAMP, "end" TIMESTAMP);
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

DO $$ BEGIN
    -- How one range joins the next: an ffmpeg xfade transition name and its duration in seconds
    -- (DOUBLE PRECISION, as wubloader stores it, so its nodes read our rows); a NULL element of
    -- video_transitions is a hard cut.
    CREATE TYPE video_transition AS (type TEXT, duration DOUBLE PRECISION);
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

DO $$ BEGIN
    -- The sheet's end time: "--" (dashed: the same as the start) or a time (value; NULL if unset).
    CREATE TYPE end_time AS (dashed BOOLEAN, value TIMESTAMP);
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

DO $$ BEGIN
    CREATE TYPE thumbnail_mode AS ENUM ('NONE', 'BARE', 'TEMPLATE', 'CUSTOM');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- A box in an image: (left, top, right, bottom) in pixels.
DO $$ BEGIN
    CREATE DOMAIN box_coords AS INTEGER[] CHECK (cardinality(VALUE) = 4 OR VALUE IS NULL);
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- The columns; the CHECK constraints follow, added by name (see "Constraints" below).
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,

    -- sheet inputs: what the event is, filled from the schedule
    sheet_name TEXT NOT NULL,
    event_start TIMESTAMP,
    event_end end_time DEFAULT ROW(FALSE, NULL),
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
    upload_location TEXT,
    public BOOLEAN NOT NULL DEFAULT TRUE,
    -- cut back to back in this order; video_transitions[i] joins range i to range i + 1
    video_ranges video_range[],
    video_transitions video_transition[],
    video_title TEXT,
    video_description TEXT,
    video_tags TEXT[],
    video_channel TEXT,
    video_quality TEXT NOT NULL DEFAULT 'source',

    -- state: where the row is in the cut-and-upload pipeline
    state event_state NOT NULL DEFAULT 'UNEDITED',
    uploader TEXT,
    error TEXT,
    video_id TEXT,
    video_link TEXT,
    editor TEXT,
    edit_time TIMESTAMP,
    upload_time TIMESTAMP,
    -- when the row last went to MODIFIED; the updater's final UPDATE is guarded by it
    last_modified TIMESTAMP
);

-- Migration from Streamvault's first schema, recognised by its video_start column (gone after
-- this block, so it runs once). Every row is kept: a row with a start or an end becomes a row of
-- one range and no transition; the sheet's end time becomes a not-dashed end_time.
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'events'::regclass AND attname = 'video_start'
            AND NOT attisdropped) THEN
        ALTER TABLE events ALTER COLUMN id TYPE TEXT USING id::text;
        ALTER TABLE events ALTER COLUMN event_end TYPE end_time USING ROW(FALSE, event_end)::end_time,
            ALTER COLUMN event_end SET DEFAULT ROW(FALSE, NULL);
        ALTER TABLE events ADD COLUMN IF NOT EXISTS video_ranges video_range[],
            ADD COLUMN IF NOT EXISTS video_transitions video_transition[];
        UPDATE events SET video_ranges = ARRAY[ROW(video_start, video_end)::video_range],
            video_transitions = '{}' WHERE video_start IS NOT NULL OR video_end IS NOT NULL;
        -- the old columns' constraints go with them; these three now also cover MODIFIED
        ALTER TABLE events DROP COLUMN video_start, DROP COLUMN video_end,
            DROP CONSTRAINT IF EXISTS uploader_set, DROP CONSTRAINT IF EXISTS video_link_set,
            DROP CONSTRAINT IF EXISTS upload_time_set;
        RAISE NOTICE 'events migrated from the first Streamvault schema';
    END IF;
END $$;

-- Columns newer than some databases (ours before the migration above, or an older wubloader's).
ALTER TABLE events ADD COLUMN IF NOT EXISTS last_modified TIMESTAMP,
    -- NONE by default here, unlike wubloader's TEMPLATE: a mode that needs a template would refuse
    -- every edit that names none.
    ADD COLUMN IF NOT EXISTS thumbnail_mode thumbnail_mode NOT NULL DEFAULT 'NONE',
    ADD COLUMN IF NOT EXISTS thumbnail_time TIMESTAMP,
    ADD COLUMN IF NOT EXISTS thumbnail_template TEXT,
    ADD COLUMN IF NOT EXISTS thumbnail_image BYTEA,
    ADD COLUMN IF NOT EXISTS thumbnail_crop box_coords,
    ADD COLUMN IF NOT EXISTS thumbnail_location box_coords,
    ADD COLUMN IF NOT EXISTS thumbnail_last_written BYTEA;

-- Constraints: no row can reach a state without what that state needs. Each is added once, by
-- name; a database made by wubloader has the same rules under its own names, which is harmless.
DO $$
DECLARE
    c RECORD;
BEGIN
    FOR c IN SELECT * FROM (VALUES
        ('upload_location_set', 'state = ''UNEDITED'' OR upload_location IS NOT NULL'),
        ('video_ranges_set', 'state IN (''UNEDITED'', ''DONE'') OR video_ranges IS NOT NULL'),
        ('video_transitions_set', 'state IN (''UNEDITED'', ''DONE'') OR video_transitions IS NOT NULL'),
        ('video_transitions_count', '(video_ranges IS NULL AND video_transitions IS NULL)'
            || ' OR cardinality(video_ranges) = cardinality(video_transitions) + 1'),
        ('video_title_set', 'state IN (''UNEDITED'', ''DONE'') OR video_title IS NOT NULL'),
        ('video_description_set', 'state IN (''UNEDITED'', ''DONE'') OR video_description IS NOT NULL'),
        ('video_tags_set', 'state IN (''UNEDITED'', ''DONE'') OR video_tags IS NOT NULL'),
        ('video_channel_set', 'state IN (''UNEDITED'', ''DONE'') OR video_channel IS NOT NULL'),
        ('thumbnail_time_set', 'state = ''UNEDITED'' OR thumbnail_mode IN (''NONE'', ''CUSTOM'')'
            || ' OR thumbnail_time IS NOT NULL'),
        ('thumbnail_template_set', 'state = ''UNEDITED'' OR thumbnail_mode != ''TEMPLATE'''
            || ' OR thumbnail_template IS NOT NULL'),
        ('thumbnail_crop_set', 'state = ''UNEDITED'' OR thumbnail_mode != ''TEMPLATE'' OR thumbnail_crop IS NOT NULL'),
        ('thumbnail_location_set', 'state = ''UNEDITED'' OR thumbnail_mode != ''TEMPLATE'''
            || ' OR thumbnail_location IS NOT NULL'),
        ('thumbnail_image_set', 'state = ''UNEDITED'' OR thumbnail_mode != ''CUSTOM'' OR thumbnail_image IS NOT NULL'),
        ('uploader_set', 'state IN (''UNEDITED'', ''EDITED'', ''DONE'', ''MODIFIED'') OR uploader IS NOT NULL'),
        ('video_link_set', 'state NOT IN (''DONE'', ''MODIFIED'') OR video_link IS NOT NULL'),
        ('editor_set', 'state = ''UNEDITED'' OR editor IS NOT NULL'),
        ('edit_time_set', 'state = ''UNEDITED'' OR edit_time IS NOT NULL'),
        ('upload_time_set', 'state NOT IN (''DONE'', ''MODIFIED'') OR upload_time IS NOT NULL'),
        ('last_modified_set', 'state != ''MODIFIED'' OR last_modified IS NOT NULL'),
        ('event_end_dashed', '(event_end).dashed IS NOT NULL'
            || ' AND ((event_end).dashed IS NOT TRUE OR (event_end).value IS NOT DISTINCT FROM event_start)')
    ) AS wanted (name, rule) LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'events'::regclass AND conname = c.name) THEN
            EXECUTE format('ALTER TABLE events ADD CONSTRAINT %I CHECK (%s)', c.name, c.rule);
        END IF;
    END LOOP;
END $$;

-- wubloader's rule that a DONE row with a thumbnail mode has had its thumbnail set (the cutter
-- records what it set in thumbnail_last_written). NOT VALID: rows made before this cutter set
-- thumbnails are left as they are; every row written from now on is checked.
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'events'::regclass
            AND conname = 'thumbnail_last_written_set') THEN
        ALTER TABLE events ADD CONSTRAINT thumbnail_last_written_set CHECK (state != 'DONE'
            OR thumbnail_mode = 'NONE' OR thumbnail_last_written IS NOT NULL) NOT VALID;
    END IF;
END $$;

-- Almost every query but by id selects on state.
CREATE INDEX IF NOT EXISTS event_state ON events (state);

CREATE TABLE IF NOT EXISTS nodes (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    backfill_from BOOLEAN NOT NULL DEFAULT TRUE
);

-- Who may do what: editor (save edits), artist (thumbnail templates). E-mails are compared in
-- lower case, so they are stored that way.
CREATE TABLE IF NOT EXISTS roles (
    email TEXT PRIMARY KEY CONSTRAINT roles_email_lowercase CHECK (email = lower(email)),
    name TEXT NOT NULL,
    editor BOOLEAN NOT NULL DEFAULT FALSE,
    artist BOOLEAN NOT NULL DEFAULT FALSE
);

-- The first schema's editors table: every e-mail in it becomes an editor, then it goes (kept, it
-- would grant the role again at every start after an operator took it away).
DO $$ BEGIN
    IF to_regclass('editors') IS NOT NULL THEN
        INSERT INTO roles (email, name, editor)
            SELECT lower(email), min(name), TRUE FROM editors GROUP BY lower(email)
            ON CONFLICT (email) DO UPDATE SET editor = TRUE;
        DROP TABLE editors;
        RAISE NOTICE 'editors migrated to roles';
    END IF;
END $$;

-- Thumbnail templates (SPEC §10), as wubloader keeps them. crop: the part of the video frame to
-- use; location: where in the template it goes. attribution is added to the video description
-- when not empty.
CREATE TABLE IF NOT EXISTS templates (
    name TEXT PRIMARY KEY,
    image BYTEA NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    attribution TEXT NOT NULL DEFAULT '',
    crop box_coords NOT NULL,
    location box_coords NOT NULL
);

-- ==== sheetsync: playlists (SPEC §11) ==== (kept in one block at the end: merged separately)
-- A YouTube playlist and the event tags that put a video into it, as wubloader's playlists
-- worksheet names them; rows come from that worksheet (sheetsync), playlist_id from the operator.
CREATE TABLE IF NOT EXISTS playlists (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    tags TEXT[] NOT NULL DEFAULT '{}',
    playlist_id TEXT,
    show_in_description BOOLEAN NOT NULL DEFAULT FALSE,
    first_event_id TEXT,
    last_event_id TEXT,
    default_template TEXT
);
-- ==== end sheetsync ====
