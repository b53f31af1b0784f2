package org.streamvault.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.FakeYouTube;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * The cutter sets each uploaded video's thumbnail (SPEC §10), on real nodes with a real database and
 * frames numbered by colour: into the local folder as {@code <video>.png}, and on the fake of YouTube
 * through {@code thumbnails.set}. What was set is recorded as its SHA-256 in
 * {@code thumbnail_last_written}; a thumbnail that cannot be made stops the job before any upload,
 * one that cannot be set leaves the video up and the row MODIFIED with the reason.
 */
class CutterThumbnailTest {
    static final long T0 = Timestamps.parseUtc("2026-11-20T14:00:00");
    static final int RED = org.streamvault.testing.TestImages.RED;
    static final int FRAME = 23; // shown from 2.3 s to 2.4 s

    @TempDir
    static Path dir;
    static Path store;
    static TestDatabase testDb;
    static EventRows rows;

    @BeforeAll
    static void setUp() throws Exception {
        store = dir.resolve("store");
        StoreBuilder builder = new StoreBuilder(store, "chan", "src");
        List<Path> media = TestMedia.numberedFrames();
        for (int i = 0; i < media.size(); i++) {
            builder.addFile(T0 + i * 2_000_000L, "2.000", media.get(i));
        }
        testDb = TestDatabase.create();
        rows = new EventRows(testDb);
        TestNode.initialise(testDb);
        try (Connection c = testDb.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO templates (name, image, description, attribution, crop, location) VALUES (?, ?, '', '', ?, ?)")) {
            st.setString(1, "hole");
            st.setBytes(2, holeTemplate());
            st.setArray(3, c.createArrayOf("integer", new Integer[] {0, 0, 80, 90}));
            st.setArray(4, c.createArrayOf("integer", new Integer[] {20, 10, 120, 70}));
            st.executeUpdate();
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        testDb.close();
    }

    static byte[] holeTemplate() throws Exception {
        return org.streamvault.testing.TestImages.holeTemplate();
    }

    static String frameTime() {
        return Timestamps.formatIso(T0 + FRAME * 100_000L + 50_000L).replace("T", " ").replace("Z", "");
    }

    static String editedWithTemplate(String title, String location, String template) throws Exception {
        String id = rows.insertEdited(title, "2026-11-20T14:00:01", "2026-11-20T14:00:05", "chan", "src", location,
                false);
        rows.update("UPDATE events SET thumbnail_mode = 'TEMPLATE', thumbnail_time = ?::timestamp, thumbnail_template = ?,"
                + " thumbnail_crop = '{0,0,80,90}', thumbnail_location = '{20,10,120,70}' WHERE id = ?", frameTime(),
                template, id);
        return id;
    }

    static String sha256(byte[] bytes) throws Exception {
        return "\\x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static void assertComposedFrame(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getRGB(5, 5)).isEqualTo(RED);
        int rgb = image.getRGB(60, 40) & 0xffffff;
        assertThat(TestMedia.colourDistance(rgb, TestMedia.frameColour(FRAME))).as("colour %06x is frame %d's", rgb, FRAME)
                .isLessThan(12);
    }

    @Test
    void localVideoGetsItsTemplateThumbnailBesideIt() throws Exception {
        Path uploads = dir.resolve("uploads-local");
        String id = editedWithTemplate("Framed clip", "local", "hole");
        String locations = "{\"local\": {\"type\": \"local\", \"path\": \"" + uploads + "\", \"cut_type\": \"fast\"}}";
        TestNode node = TestNode.start(store, "streamvault.cutter.enabled", "true", "streamvault.db.url",
                testDb.url(), "streamvault.db.user", testDb.user(), "streamvault.node-name", "thumb-local",
                "streamvault.cutter.upload-locations", locations, "streamvault.cutter.poll-interval", "200",
                "streamvault.restreamer.enabled", "false");
        try {
            Await.until("DONE", () -> "DONE".equals(rows.get(id).get("state")));
            // the frame was decoded by the exec route, once; a fast cut spools nothing
            assertThat(CutterRouteTest.routeExchanges(node, "cut-thumbnail-frame-to-file")).containsExactly(1, 0);
            assertThat(CutterRouteTest.routeExchanges(node, "cut-spool-to-file")).containsExactly(0, 0);
        } finally {
            node.close();
        }
        Map<String, String> row = rows.get(id);
        String video = row.get("video_id");
        Path png = uploads.resolve(video.substring(0, video.lastIndexOf('.')) + ".png");
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertComposedFrame(bytes);
        assertThat(row.get("thumbnail_last_written")).isEqualTo(sha256(bytes));
        // the rendered image is kept as the row's saved copy (wubloader's thumbnail_image)
        assertThat(row.get("thumbnail_image")).isEqualTo("\\x" + HexFormat.of().formatHex(bytes));
        try (Stream<Path> files = Files.list(uploads)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
        }
    }

    @Test
    void youTubeVideoGetsItsThumbnailThroughThumbnailsSet() throws Exception {
        try (FakeYouTube youtube = new FakeYouTube()) {
            String id = editedWithTemplate("To YouTube", "yt", "hole");
            TestNode node = youTubeCutter(youtube, "thumb-yt");
            try {
                Await.until("TRANSCODING", () -> "TRANSCODING".equals(rows.get(id).get("state")));
            } finally {
                node.close();
            }
            String videoId = rows.get(id).get("video_id");
            List<byte[]> set = youtube.thumbnails(videoId);
            assertThat(set).hasSize(1);
            assertComposedFrame(set.get(0));
            assertThat(rows.get(id).get("thumbnail_last_written")).isEqualTo(sha256(set.get(0)));
            assertThat(youtube.violations()).isEmpty();
        }
    }

    @Test
    void thumbnailThatCannotBeSetLeavesTheVideoUpAndTheRowModified() throws Exception {
        try (FakeYouTube youtube = new FakeYouTube()) {
            youtube.failThumbnails(403);
            String id = editedWithTemplate("Thumbnail refused", "yt", "hole");
            TestNode node = youTubeCutter(youtube, "thumb-refused");
            try {
                Await.until("MODIFIED", () -> "MODIFIED".equals(rows.get(id).get("state")));
            } finally {
                node.close();
            }
            Map<String, String> row = rows.get(id);
            assertThat(row.get("error")).startsWith("Setting the thumbnail failed, will retry: ").contains("403");
            assertThat(youtube.videos()).containsKey(row.get("video_id"));
            assertThat(row.get("video_link")).isEqualTo("https://youtu.be/" + row.get("video_id"));
            assertThat(row.get("thumbnail_last_written")).isNull();
            assertThat(youtube.videos()).hasSize(1);
        }
    }

    @Test
    void updaterSetsAThumbnailThatFailedAndOnlyChangedOnesAfterwards() throws Exception {
        try (FakeYouTube youtube = new FakeYouTube()) {
            youtube.failThumbnails(503);
            String id = editedWithTemplate("Retried thumbnail", "yt", "hole");
            TestNode node = youTubeCutter(youtube, "thumb-updater", "streamvault.cutter.update-interval", "300");
            try {
                Await.until("MODIFIED", () -> "MODIFIED".equals(rows.get(id).get("state")));
                String videoId = rows.get(id).get("video_id");
                assertThat(youtube.thumbnails(videoId)).isEmpty();
                youtube.failThumbnails(null);
                Await.until("DONE", () -> "DONE".equals(rows.get(id).get("state")));
                assertThat(youtube.thumbnails(videoId)).hasSize(1);
                assertComposedFrame(youtube.thumbnails(videoId).get(0));
                assertThat(rows.get(id).get("thumbnail_last_written")).isEqualTo(sha256(youtube.thumbnails(videoId).get(0)));
                assertThat(rows.get(id).get("error")).isNull();

                // a title change, saved as the editor saves it (the saved copy cleared): rendered again, same image, not sent
                int updates = youtube.updated().size();
                rows.update("UPDATE events SET state = 'MODIFIED', last_modified = now(), video_title = 'Renamed',"
                        + " thumbnail_image = NULL WHERE id = ?", id);
                Await.until("DONE again", () -> "DONE".equals(rows.get(id).get("state")));
                assertThat(youtube.updated()).hasSizeGreaterThan(updates);
                assertThat(youtube.thumbnails(videoId)).hasSize(1);

                // another frame: sent
                rows.update("UPDATE events SET state = 'MODIFIED', last_modified = now(), thumbnail_image = NULL,"
                        + " thumbnail_time = ?::timestamp WHERE id = ?",
                        Timestamps.formatIso(T0 + 45 * 100_000L + 50_000L).replace("T", " ").replace("Z", ""), id);
                Await.until("the new thumbnail", () -> youtube.thumbnails(videoId).size() == 2);
                Await.until("DONE a third time", () -> "DONE".equals(rows.get(id).get("state")));
                BufferedImage second = ImageIO.read(new ByteArrayInputStream(youtube.thumbnails(videoId).get(1)));
                assertThat(TestMedia.colourDistance(second.getRGB(60, 40) & 0xffffff, TestMedia.frameColour(45)))
                        .isLessThan(12);
                assertThat(rows.get(id).get("thumbnail_last_written")).isEqualTo(sha256(youtube.thumbnails(videoId).get(1)));
            } finally {
                node.close();
            }
            assertThat(youtube.violations()).isEmpty();
        }
    }

    @Test
    void thumbnailThatCannotBeMadeStopsTheJobBeforeUploading() throws Exception {
        try (FakeYouTube youtube = new FakeYouTube()) {
            String id = editedWithTemplate("No such template", "yt", "missing");
            TestNode node = youTubeCutter(youtube, "thumb-missing");
            try {
                Await.until("UNEDITED", () -> "UNEDITED".equals(rows.get(id).get("state")));
            } finally {
                node.close();
            }
            assertThat(rows.get(id).get("error")).isEqualTo("Thumbnail failed: no thumbnail template named 'missing'");
            assertThat(youtube.sessionsOpened()).isZero();
        }
    }

    private static TestNode youTubeCutter(FakeYouTube youtube, String name, String... more) throws Exception {
        Path credentials = youtube.writeCredentials(dir.resolve(name + "-credentials.json"));
        String locations = "{\"yt\": {\"type\": \"youtube\", \"cut_type\": \"fast\", \"api_root_url\": \""
                + youtube.rootUrl() + "\", \"token_url\": \"" + youtube.tokenUrl() + "\"}}";
        List<String> settings = new java.util.ArrayList<>(List.of("streamvault.cutter.enabled", "true",
                "streamvault.db.url", testDb.url(), "streamvault.db.user", testDb.user(), "streamvault.node-name", name,
                "streamvault.cutter.upload-locations", locations, "streamvault.cutter.credentials-file",
                credentials.toString(), "streamvault.cutter.poll-interval", "200",
                "streamvault.cutter.transcode-check-interval", "60000", "streamvault.restreamer.enabled", "false"));
        settings.addAll(List.of(more));
        return TestNode.start(store, settings.toArray(String[]::new));
    }
}
