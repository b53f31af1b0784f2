package org.streamvault.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestBrowser;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * The thumbnail section of the editor page and the templates page in real headless Chromium, on one
 * node that serves the video (frames numbered by colour), the editor and a cutter uploading to a
 * local folder: an editor picks a template and a frame, sees the composed preview, submits, and the
 * uploaded video's PNG shows that frame in the template; an artist uploads a template.
 */
class ThumbnailPageBrowserTest {
    static final long T0 = Timestamps.parseUtc("2026-11-20T14:00:00");
    static final int RED = 0xffff0000;
    static Path dir;
    static Path uploads;
    static TestDatabase testDb;
    static EventRows rows;
    static TestNode node;
    static TestBrowser browser;

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("thumbnail-page");
        uploads = dir.resolve("uploads");
        StoreBuilder builder = new StoreBuilder(dir.resolve("store"), "chan", "source");
        List<Path> media = TestMedia.numberedFrames();
        for (int i = 0; i < media.size(); i++) {
            builder.addFile(T0 + i * 2_000_000L, "2.000", media.get(i));
        }
        testDb = TestDatabase.create();
        rows = new EventRows(testDb);
        TestNode.initialise(testDb);
        try (Connection c = testDb.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO templates (name, image, description, attribution, crop, location) VALUES (?, ?, '', 'Art by T.', ?, ?)")) {
            st.setString(1, "hole");
            st.setBytes(2, TemplateApiTest.holeTemplate());
            st.setArray(3, c.createArrayOf("integer", new Integer[] {0, 0, 80, 90}));
            st.setArray(4, c.createArrayOf("integer", new Integer[] {20, 10, 120, 70}));
            st.executeUpdate();
        }
        String locations = "{\"local\": {\"type\": \"local\", \"path\": \"" + uploads + "\", \"cut_type\": \"fast\"}}";
        node = TestNode.start(dir.resolve("store"), "streamvault.editor.enabled", "true", "streamvault.db.url",
                testDb.url(), "streamvault.db.user", testDb.user(), "streamvault.editor.auth.enabled", "false",
                "streamvault.editor.upload-locations", "local", "streamvault.editor.default-channel", "chan",
                "streamvault.cutter.enabled", "true", "streamvault.cutter.upload-locations", locations,
                "streamvault.cutter.poll-interval", "200");
        browser = TestBrowser.start();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (browser != null) {
            browser.close();
        }
        node.close();
        testDb.close();
    }

    ChromeDriver driver() {
        return browser.driver();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver()).executeScript(script, args);
    }

    WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver(), Duration.ofSeconds(seconds));
    }

    WebElement el(String id) {
        return driver().findElement(By.id(id));
    }

    /** The colour of pixel (x, y) of a loaded same-origin image, read through a canvas. */
    int pixel(String imageId, int x, int y) {
        return ((Number) js("const img = document.getElementById(arguments[0]);"
                + "const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;"
                + "const g = c.getContext('2d'); g.drawImage(img, 0, 0);"
                + "const d = g.getImageData(arguments[1], arguments[2], 1, 1).data;"
                + "return (d[3] << 24 >>> 0) + (d[0] << 16) + (d[1] << 8) + d[2];", imageId, x, y)).intValue();
    }

    static BufferedImage png(byte[] bytes) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void editorChoosesATemplateAndAFrameSeesThePreviewAndTheUploadCarriesIt() throws Exception {
        String id = rows.insertUnedited("Friday", "2026-11-20T14:00:00", "2026-11-20T14:00:08", "Bus", "Framed");
        rows.update("UPDATE events SET video_ranges = '{\"(2026-11-20 14:00:02,2026-11-20 14:00:06)\"}',"
                + " video_transitions = '{}' WHERE id = ?", id);
        driver().get(node.url("/editor/?id=" + id));
        waitUpTo(10).until(d -> el("thumbnail-section").isDisplayed());
        // a form section of the page (Editor.addSection), not a wrapper around the page's requests
        assertThat(el("sections").findElements(By.id("thumbnail-section"))).hasSize(1);
        assertThat((Boolean) js("return window.fetch.toString().includes('[native code]')")).isTrue();
        new Select(el("thumbnail-mode")).selectByValue("TEMPLATE");
        // the default frame: the middle of the first range
        assertThat(el("thumbnail-time").getAttribute("value")).isEqualTo("2026-11-20T14:00:04.000Z");
        waitUpTo(10).until(d -> !d.findElements(By.cssSelector(".template-choice[data-name='hole']")).isEmpty());
        driver().findElement(By.cssSelector(".template-choice[data-name='hole']")).click();
        assertThat(el("thumbnail-location").getAttribute("value")).isEqualTo("20,10,120,70");

        // "use the playhead": the frame time becomes the playhead's wall-clock time
        waitUpTo(30).until(d -> (Boolean) js("return player.fragments.length > 0"));
        // the waveform of the player's range, under the player, as wide as the video
        waitUpTo(15).until(d -> (Boolean) js("const w = document.getElementById('waveform');"
                + " return !!w && w.complete && w.naturalWidth > 0 && w.src.includes('/waveform/chan/source.png?start=')"));
        assertThat(((Number) js("return document.getElementById('waveform').naturalWidth")).intValue())
                .isEqualTo(((Number) js("return Math.round(document.getElementById('video').clientWidth)")).intValue());
        js("const v = document.getElementById('video'); v.pause(); v.currentTime = 3.25;");
        waitUpTo(10).until(d -> (Boolean) js("return !document.getElementById('video').seeking"));
        el("thumbnail-use-playhead").click();
        String expected = (String) js("return new Date(Math.round(playheadWall())).toISOString()");
        assertThat(el("thumbnail-time").getAttribute("value")).isEqualTo(expected);
        // 3.25 s into a playlist starting at T0 (hls.js aligns fragments to their timestamps: a few ms off)
        assertThat(Timestamps.parseUtc(expected))
                .isCloseTo(T0 + 3_250_000L, org.assertj.core.data.Offset.offset(200_000L));
        // then a frame typed in: frame 45 is shown from 4.5 s to 4.6 s
        WebElement time = el("thumbnail-time");
        time.clear();
        time.sendKeys("2026-11-20T14:00:04.550Z", Keys.TAB);

        // the location box dragged 30 px right on the template (shown at its own size: 200 px)
        waitUpTo(10).until(d -> el("thumbnail-location-box").isDisplayed());
        double scale = ((Number) js("const i = document.getElementById('thumbnail-template');"
                + " return i.naturalWidth / i.clientWidth")).doubleValue();
        new Actions(driver()).dragAndDropBy(el("thumbnail-location-box"), 30, 0).perform();
        waitUpTo(5).until(d -> !el("thumbnail-location").getAttribute("value").equals("20,10,120,70"));
        int[] location = java.util.Arrays.stream(el("thumbnail-location").getAttribute("value").split(","))
                .mapToInt(Integer::parseInt).toArray();
        assertThat(location[0]).isCloseTo(20 + (int) Math.round(30 * scale), org.assertj.core.data.Offset.offset(2));
        assertThat(location[2] - location[0]).isEqualTo(100);

        // the live preview: the template's size, red around, frame 45 through the hole
        waitUpTo(15).withMessage(() -> "preview: " + js("const i = document.getElementById('thumbnail-preview');"
                + " return i.src + ' ' + i.naturalWidth + ' ' + i.complete + ' ' + i.hidden")).until(d -> (Boolean) js("const i = document.getElementById('thumbnail-preview');"
                + " return i.complete && i.naturalWidth === 200 && i.src.includes('timestamp=2026-11-20T14%3A00%3A04.550Z')"
                + " && i.src.includes('location=" + location[0] + "')"));
        assertThat(pixel("thumbnail-preview", 5, 5)).isEqualTo(RED);
        int inHole = pixel("thumbnail-preview", location[0] + 40, 40) & 0xffffff;
        assertThat(TestMedia.colourDistance(inHole, TestMedia.frameColour(45))).as("%06x", inHole).isLessThan(12);

        el("submit").click();
        waitUpTo(10).until(d -> el("message").getText().startsWith("Submitted"));
        Map<String, String> saved = rows.get(id);
        assertThat(saved).containsEntry("thumbnail_mode", "TEMPLATE").containsEntry("thumbnail_template", "hole")
                .containsEntry("thumbnail_time", "2026-11-20 14:00:04.55").containsEntry("thumbnail_crop", "{0,0,80,90}")
                .containsEntry("thumbnail_location", "{" + location[0] + ",10," + location[2] + ",70}");

        // the cutter uploads it with exactly that thumbnail beside it
        Await.until("DONE", Duration.ofSeconds(30), () -> "DONE".equals(rows.get(id).get("state")));
        String video = rows.get(id).get("video_id");
        Path thumbnail = uploads.resolve(video.substring(0, video.lastIndexOf('.')) + ".png");
        BufferedImage uploaded = png(Files.readAllBytes(thumbnail));
        assertThat(uploaded.getWidth()).isEqualTo(200);
        assertThat(uploaded.getRGB(5, 5)).isEqualTo(RED);
        // the hole shows the crop (the frame's left half) of /frame at that time
        BufferedImage frame = png(node.getBytes("/frame/chan/source.png?timestamp=2026-11-20T14:00:04.550Z").body());
        int fromFrame = frame.getRGB(40, 45) & 0xffffff;
        int fromUpload = uploaded.getRGB(location[0] + 50, 40) & 0xffffff;
        assertThat(TestMedia.colourDistance(fromUpload, fromFrame)).as("%06x vs %06x", fromUpload, fromFrame)
                .isLessThan(12);
        assertThat(rows.get(id).get("video_description")).endsWith("Art by T.");
    }

    @Test
    void artistUploadsATemplateOnTheTemplatesPage() throws Exception {
        Path file = Files.write(dir.resolve("new-template.png"), TemplateApiTest.holeTemplate());
        driver().get(node.url("/editor/templates.html"));
        waitUpTo(10).until(d -> el("new-template").isDisplayed());
        el("new-template").click();
        el("template-name").sendKeys("uploaded");
        el("template-description").sendKeys("from the page");
        el("template-attribution").sendKeys("Art by P.");
        el("template-image").sendKeys(file.toString());
        waitUpTo(10).until(d -> el("template-location").getAttribute("value").equals("0,0,200,120"));
        WebElement locationField = el("template-location");
        locationField.clear();
        locationField.sendKeys("20,10,120,70", Keys.TAB);
        el("template-save").click();
        waitUpTo(10).until(d -> el("message").getText().contains("Template uploaded saved"));
        waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#templates tr[data-name='uploaded']")).isEmpty());
        try (Connection c = testDb.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT image, description, attribution, crop::text, location::text FROM templates WHERE name = 'uploaded'")) {
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).isEqualTo(Files.readAllBytes(file));
                assertThat(rs.getString(2)).isEqualTo("from the page");
                assertThat(rs.getString(3)).isEqualTo("Art by P.");
                assertThat(rs.getString(4)).isEqualTo("{0,0,1920,1080}");
                assertThat(rs.getString(5)).isEqualTo("{20,10,120,70}");
            }
        }

        // edit: a new attribution, the image kept
        driver().findElement(By.cssSelector("#templates tr[data-name='uploaded'] .edit-template")).click();
        WebElement attribution = el("template-attribution");
        attribution.clear();
        attribution.sendKeys("Art by Q.");
        el("template-save").click();
        waitUpTo(10).until(d -> el("message").getText().contains("Template uploaded saved")
                && el("template-editor").getAttribute("hidden") != null);
        Await.until("the new attribution", () -> {
            try (Connection c = testDb.connect(); PreparedStatement st = c.prepareStatement(
                    "SELECT attribution FROM templates WHERE name = 'uploaded'"); ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getString(1).equals("Art by Q.");
            }
        });
    }
}
