# docs/walkthroughs/editor-3-load-and-save.sh: load a row and save a draft of it, as the page does
# (TOKEN: Ada's Google ID token; the page gets one when she signs in)
NODE=${NODE:-http://localhost:8000}
ID=$(psql -h 127.0.0.1 -U ${DB_USER:-streamvault} -qtA ${DB:-streamvault} -c "INSERT INTO events (id, sheet_name,
    event_start, category, description) VALUES (gen_random_uuid()::text, 'Friday', '2026-11-20 14:05:00', 'Music',
    'A song') RETURNING id")                                  # a row as the schedule sync makes them
curl -s "$NODE/thrimshim/$ID"; echo                           # load: the row, defaults filled in
curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$NODE/thrimshim/$ID" --data-binary '
  {"state": "UNEDITED", "upload_location": "local",
   "video_ranges": [["2026-11-20T14:05:00", "2026-11-20T14:05:20"], ["2026-11-20T14:05:40", "2026-11-20T14:05:50"]],
   "video_transitions": [["fade", 1.5]], "video_channel": "desertbus", "video_quality": "source",
   "video_title": "Best moment", "video_description": "Recorded at the marathon.", "video_tags": ["marathon"],
   "public": true, "thumbnail_mode": "NONE", "override_changes": true}'; echo   # save (201): the saved row
