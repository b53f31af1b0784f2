# docs/walkthroughs/cutter-3-insert.sh: in another terminal, queue a clip as an editor would, then wait for it
psql -h 127.0.0.1 -U postgres ${DB:-streamvault} <<'SQL'
INSERT INTO events (id, sheet_name, state, upload_location, video_ranges, video_transitions, video_title,
    video_description, video_tags, video_channel, video_quality, editor, edit_time)
VALUES (gen_random_uuid()::text, 'manual', 'EDITED', 'local',
    ARRAY[ROW('2026-11-20 14:05:00', '2026-11-20 14:05:20')::video_range,     -- two ranges, cut back to back,
          ROW('2026-11-20 14:05:22', '2026-11-20 14:05:32')::video_range],    -- joined by
    ARRAY[NULL]::video_transition[],                                          -- a hard cut (NULL)
    'Best moment', 'Recorded at the marathon.', '{marathon}', 'desertbus', 'source', 'me@example.org', now());
SQL
until [ "$(psql -h 127.0.0.1 -U postgres -qtA ${DB:-streamvault} -c "SELECT state = 'DONE' OR error IS NOT NULL
    FROM events WHERE video_title = 'Best moment'")" = t ]; do sleep 1; done   # EDITED -> CLAIMED -> FINALIZING -> DONE
psql -h 127.0.0.1 -U postgres ${DB:-streamvault} -c "SELECT state, video_link, error FROM events WHERE video_title = 'Best moment'"
ffprobe -v error -show_entries format=duration clips/Best\ moment*.ts    # the clip: clips/Best moment [<id>].ts
