package org.streamvault.playlists;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.Await;
import org.streamvault.testing.FakeYouTube;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/**
 * A node's playlist manager against the fake YouTube: a playlist converges to the published
 * videos its tags select, in event order with its first event pinned, as videos are added,
 * re-tagged and re-ordered, with one call per change; a playlist YouTube does not know is
 * skipped while the others go on; a quota answer pauses the calls.
 */
class PlaylistManagerTest {
    @TempDir
    Path dir;

    @Test
    void playlistFollowsPublishedVideosAddedRetaggedAndReordered() throws Exception {
        try (TestDatabase db = TestDatabase.create(); FakeYouTube youtube = new FakeYouTube()) {
            TestNode.initialise(db);
            youtube.addPlaylist("PLbugs");
            String intro = done(db, youtube, "2026-11-14 05:00:00", "{intro}", "vIntro");
            done(db, youtube, "2026-11-13 22:00:00", "{Bug,funny}", "vB1");
            done(db, youtube, "2026-11-13 23:00:00", "{bug}", "vB2");
            done(db, youtube, "2026-11-13 21:30:00", "{funny}", "vF1");
            playlist(db, "p1", "Bugs", "{bug}", "PLbugs", intro);
            playlist(db, "p2", "Gone", "{funny}", "PLgone", null);
            try (TestNode node = start(db, youtube)) {
                Await.until("the playlist filled", () -> youtube.playlist("PLbugs").equals(List.of("vIntro", "vB1", "vB2")));
                assertThat(youtube.playlistCalls()).containsEntry("insert", 3).doesNotContainKey("update");

                // a new video is published between the two
                String b3 = done(db, youtube, "2026-11-13 22:30:00", "{BUG}", "vB3");
                Await.until("the new video in order",
                        () -> youtube.playlist("PLbugs").equals(List.of("vIntro", "vB1", "vB3", "vB2")));
                // re-tagged: it leaves
                update(db, "UPDATE events SET tags = '{funny}' WHERE id = ?", b3);
                Await.until("the re-tagged video gone", () -> youtube.playlist("PLbugs").equals(List.of("vIntro", "vB1", "vB2")));
                // re-ordered: the event was later than the sheet first said; one move, not two
                Map<String, Integer> before = youtube.playlistCalls();
                update(db, "UPDATE events SET event_start = '2026-11-14 01:00:00' WHERE video_id = 'vB1'");
                Await.until("the moved video", () -> youtube.playlist("PLbugs").equals(List.of("vIntro", "vB2", "vB1")));
                assertThat(youtube.playlistCalls().get("update")).isEqualTo(before.getOrDefault("update", 0) + 1);
                assertThat(youtube.playlistCalls().get("insert")).isEqualTo(before.get("insert"));

                // the unknown playlist was skipped on every pass and reported; the other still converged
                assertThat(metric(node, "outcome=\"unreadable\"")).isGreaterThan(1);

                // quota: one answer stops calls for the configured pause, then the change arrives
                youtube.failNextPlaylistCall(403, "quotaExceeded");
                done(db, youtube, "2026-11-14 02:00:00", "{bug}", "vB4");
                Await.until("converged after the pause",
                        () -> youtube.playlist("PLbugs").equals(List.of("vIntro", "vB2", "vB1", "vB4")));
                assertThat(metric(node, "outcome=\"quota\"")).isEqualTo(1);
            }
            assertThat(youtube.violations()).isEmpty();
        }
    }

    private TestNode start(TestDatabase db, FakeYouTube youtube) throws Exception {
        Path credentials = youtube.writeCredentials(dir.resolve("credentials.json"));
        return TestNode.start(Files.createTempDirectory(dir, "node"), "streamvault.db.url", db.url(),
                "streamvault.db.user", db.user(), "streamvault.restreamer.enabled", "false",
                "streamvault.playlists.enabled", "true", "streamvault.playlists.credentials-file", credentials.toString(),
                "streamvault.playlists.api-root-url", youtube.rootUrl(), "streamvault.playlists.token-url",
                youtube.tokenUrl(), "streamvault.playlists.poll-interval", "200",
                "streamvault.playlists.quota-backoff-seconds", "1");
    }

    /** A published event (as the cutter leaves one) whose video exists on the fake channel; returns its id. */
    private static String done(TestDatabase db, FakeYouTube youtube, String start, String tags, String videoId)
            throws Exception {
        youtube.addExistingVideo(videoId);
        String id = UUID.randomUUID().toString();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO events (id,"
                + " sheet_name, event_start, tags, state, video_id, video_link, upload_time, editor, edit_time,"
                + " upload_location) VALUES (?, 'Day 1', ?::timestamp, ?::text[], 'DONE', ?, ?, now(),"
                + " 'ed@example.org', now(), 'yt')")) {
            // untyped, so it reads as the id column's type (UUID or TEXT)
            ps.setObject(1, id, Types.OTHER);
            ps.setString(2, start);
            ps.setString(3, tags);
            ps.setString(4, videoId);
            ps.setString(5, "https://youtu.be/" + videoId);
            ps.executeUpdate();
        }
        return id;
    }

    private static void playlist(TestDatabase db, String id, String name, String tags, String playlistId,
            String firstEventId) throws Exception {
        update(db, "INSERT INTO playlists (id, name, tags, playlist_id, first_event_id) VALUES (?, ?, ?::text[], ?, ?)",
                id, name, tags, playlistId, firstEventId);
    }

    private static void update(TestDatabase db, String sql, Object... params) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static double metric(TestNode node, String label) throws Exception {
        for (String line : node.get("/metrics").body().split("\n")) {
            if (line.startsWith("streamvault_playlists_checks_total{") && line.contains(label)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
