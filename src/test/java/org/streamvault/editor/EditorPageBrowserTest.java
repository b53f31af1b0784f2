package org.streamvault.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.TestIdTokens;
import org.streamvault.testing.TestNode;

/** The editor page in real headless Chromium: a one-range clip, conflicts, sign-in, the picker, resets. */
class EditorPageBrowserTest extends BaseEditorPageTest {
    void open(String id) {
        open(id, "UNEDITED");
    }

    @Test
    void playsMarksAndSubmitsAClip() throws Exception {
        String id = event("The bus hits a bird");
        open(id);
        assertThat(el("auth-banner").isDisplayed()).isTrue();
        assertThat(el("auth-banner").getText()).contains("Authentication disabled");
        assertThat(el("title-prefix").getText()).isEqualTo("DB2026 -");
        assertThat(el("video-title").getDomProperty("maxLength")).isEqualTo("91");
        // before playing, the playhead shows where the padded range starts: a minute before the event
        browser.waitUpTo(10).until(d -> el("playhead").getText().equals("2026-11-20T14:00:00.000Z"));

        browser.js("document.getElementById('video').play()");
        browser.waitUpTo(30).until(d -> browser.currentTime() > 3.0);
        el("set-start-1").click();
        double startAt = browser.currentTime();
        browser.waitUpTo(30).until(d -> browser.currentTime() > startAt + 2.5);
        browser.js("document.getElementById('video').pause()");
        driver().findElement(By.tagName("body")).sendKeys("]");
        double endAt = browser.currentTime();

        long t0 = Timestamps.parseUtc(T0);
        long start = Timestamps.parseUtc(el("range-start-1").getDomProperty("value"));
        long end = Timestamps.parseUtc(el("range-end-1").getDomProperty("value"));
        // the playhead maps to wall-clock time through the playlist's program date-times
        assertThat((start - t0) / 1e6).isCloseTo(startAt, org.assertj.core.data.Offset.offset(0.5));
        assertThat((end - t0) / 1e6).isCloseTo(endAt, org.assertj.core.data.Offset.offset(0.1));
        assertThat(end).isGreaterThan(start);
        assertThat(el("playhead").getText()).startsWith("2026-11-20T14:00:");

        // jumping back to the start moves the playhead there
        el("goto-start-1").click();
        browser.waitUpTo(5).until(d -> Math.abs(browser.currentTime() - (start - t0) / 1e6) < 0.2);

        el("video-title").clear();
        el("video-title").sendKeys("A bird meets the bus");
        el("video-description").sendKeys("Nobody was hurt.");
        el("allow-holes").click();
        el("submit").click();
        browser.waitUpTo(10).until(d -> el("message").getText().startsWith("Submitted"));
        assertThat(el("state").getText()).isEqualTo("EDITED");
        browser.screenshot("editor-page.png");

        Map<String, String> row = rows.get(id);
        assertThat(row).containsEntry("state", "EDITED").containsEntry("video_title", "DB2026 - A bird meets the bus")
                .containsEntry("video_description", "Nobody was hurt.").containsEntry("upload_location", "youtube")
                .containsEntry("allow_holes", "t").containsEntry("video_channel", "desertbus")
                .containsEntry("editor", EditorAuth.NO_AUTH_EDITOR).containsEntry("video_tags", "{\"Tag One\",\"tag two\"}");
        // one range, no transition: the page's clip as the API stores it
        assertThat(row.get("video_ranges")).startsWith("{\"(\\\"" + Timestamps.formatIso(start).replace('T', ' ').substring(0, 19));
        assertThat(row.get("video_transitions")).isEqualTo("{}");
        assertThat(row.get("thumbnail_mode")).isEqualTo("NONE");
    }

    @Test
    void aScheduleChangeWhileEditingIsShownAsAConflict() throws Exception {
        String id = event("The bus stops for ice cream");
        open(id);
        el("range-start-1").sendKeys("2026-11-20T14:00:58Z");
        el("range-end-1").sendKeys("2026-11-20T14:01:15Z");
        rows.update("UPDATE events SET description = 'The bus stops for two ice creams' WHERE id = ?", id);
        el("submit").click();
        browser.waitUpTo(10).until(d -> el("conflict").isDisplayed());
        assertThat(el("conflict-text").getText()).contains("changed this event in the schedule")
                .contains("description: 'The bus stops for ice cream' => 'The bus stops for two ice creams'");
        assertThat(el("message").getText()).contains("conflict");
        browser.screenshot("editor-conflict.png");
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");

        el("override").click();
        browser.waitUpTo(10).until(d -> el("message").getText().startsWith("Submitted"));
        assertThat(rows.get(id)).containsEntry("state", "EDITED").containsEntry("video_ranges",
                "{\"(\\\"2026-11-20 14:00:58\\\",\\\"2026-11-20 14:01:15\\\")\"}");
    }

    @Test
    void validationErrorsAreShownAndNothingIsSaved() throws Exception {
        String id = event("The bus is very quiet");
        open(id);
        el("range-start-1").sendKeys("2026-11-20T14:01:30Z");
        el("range-end-1").sendKeys("2026-11-20T14:01:00Z");
        el("submit").click();
        browser.waitUpTo(10).until(d -> el("message").getText().contains("range 1: the start must be before the end"));
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");
    }

    @Test
    void withAuthenticationTheSignedInEditorSubmits() throws Exception {
        rows.update("INSERT INTO roles (email, name, editor) VALUES ('ada@example.org', 'Ada', TRUE) ON CONFLICT DO NOTHING");
        String id = event("The bus plays a song");
        try (TestIdTokens tokens = TestIdTokens.start();
                TestNode authNode = TestNode.start(node.baseDir(), "streamvault.editor.enabled", "true",
                        "streamvault.db.url", testDb.url(), "streamvault.db.user", testDb.user(),
                        "streamvault.editor.auth.issuer", TestIdTokens.ISSUER, "streamvault.editor.auth.audience",
                        TestIdTokens.AUDIENCE, "streamvault.editor.auth.jwks-url", tokens.jwksUrl(),
                        "streamvault.editor.upload-locations", "local")) {
            driver().get(authNode.url("/editor/?id=" + id));
            browser.waitUpTo(10).until(d -> el("state").getText().equals("UNEDITED"));
            assertThat(el("auth-banner").isDisplayed()).isFalse();
            // Google's script cannot load here (no network in tests): the page says so and still works
            browser.waitUpTo(10).until(d -> el("signin-status").getText().contains("Google Sign-In could not load"));
            el("range-start-1").sendKeys("2026-11-20T14:01:00Z");
            el("range-end-1").sendKeys("2026-11-20T14:01:05Z");
            el("submit").click();
            browser.waitUpTo(10).until(d -> el("message").getText().contains("sign in first"));
            assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");

            // what Google's callback hands the page after a sign-in
            browser.js("onSignedIn({credential: arguments[0]})", tokens.token("Ada@Example.org"));
            assertThat(el("signin-status").getText()).isEqualTo("Signed in as Ada@Example.org");
            el("submit").click();
            browser.waitUpTo(10).until(d -> !el("message").getText().contains("sign in first"));
            assertThat(el("message").getText()).startsWith("Submitted");
            assertThat(rows.get(id)).containsEntry("state", "EDITED").containsEntry("editor", "ada@example.org")
                    .containsEntry("upload_location", "local");
        }
    }

    @Test
    void withoutAnIdThePickerListsEvents() throws Exception {
        String id = event("The bus gets a wash");
        driver().get(node.url("/editor"));
        browser.waitUpTo(10).until(d -> el("rows").getText().contains("The bus gets a wash"));
        assertThat(el("rows").getText()).contains("2026-11-20T14:01:00.000Z 2:01:00.000 Friday Highlights");
        assertThat(el("editor").isDisplayed()).isFalse();
        browser.screenshot("editor-picker.png");
        driver().findElement(By.linkText("The bus gets a wash")).click();
        browser.waitUpTo(10).until(d -> d.getCurrentUrl().endsWith("?id=" + id));
        browser.waitUpTo(10).until(d -> el("state").getText().equals("UNEDITED"));
        assertThat(el("event-description").getText()).isEqualTo("The bus gets a wash");
    }

    @Test
    void aVideoUploadedByHandIsLinkedFromThePage() throws Exception {
        String id = event("The bus gets a new driver");
        open(id);
        assertThat(el("manual-box").isDisplayed()).isTrue();
        assertThat(el("reset-box").isDisplayed()).as("nothing to reset on an UNEDITED row").isFalse();

        el("manual-link").sendKeys("https://example.org/not-youtube");
        el("manual-save").click();
        browser.waitUpTo(10).until(d -> el("message").getText().contains("does not look like a youtube.com or youtu.be"));
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");

        el("manual-link").clear();
        el("manual-link").sendKeys("https://youtu.be/dQw4w9WgXcQ");
        el("manual-save").click();
        browser.waitUpTo(10).until(d -> el("state").getText().equals("DONE"));
        assertThat(el("message").getText()).isEqualTo("Marked as uploaded by hand.");
        assertThat(el("video-link").getText()).isEqualTo("Video: https://youtu.be/dQw4w9WgXcQ");
        assertThat(el("manual-box").isDisplayed()).isFalse();
        assertThat(rows.get(id)).containsEntry("state", "DONE").containsEntry("video_id", "dQw4w9WgXcQ")
                .containsEntry("upload_location", "youtube-manual");
    }

    @Test
    void aRowWhoseVideoMayExistIsResetOnlyAfterConfirming() throws Exception {
        String id = rows.insert("TRANSCODING", "node-x", "Rejected clip", "2026-11-20T14:01:00", "2026-11-20T14:01:06",
                "desertbus", "source", "youtube", false);
        rows.update("UPDATE events SET video_id = 'abcdefghijk', video_link = 'https://youtu.be/abcdefghijk',"
                + " error = 'YouTube will not make video abcdefghijk viewable: upload status rejected (duplicate)'"
                + " WHERE id = ?", id);
        driver().get(node.url("/editor/?id=" + id));
        browser.waitUpTo(10).until(d -> el("state").getText().equals("TRANSCODING"));
        assertThat(el("row-error").getText()).contains("upload status rejected (duplicate)");
        assertThat(el("reset").getText()).isEqualTo("Force reset to unedited");
        assertThat(el("reset-hint").getText()).contains("a video may already exist");
        browser.screenshot("editor-force-reset.png");

        el("reset").click();
        assertThat(driver().switchTo().alert().getText()).contains("https://youtu.be/abcdefghijk");
        driver().switchTo().alert().dismiss();
        Thread.sleep(300);
        assertThat(rows.get(id).get("state")).as("dismissing the question changes nothing").isEqualTo("TRANSCODING");

        el("reset").click();
        driver().switchTo().alert().accept();
        browser.waitUpTo(10).until(d -> el("state").getText().equals("UNEDITED"));
        assertThat(el("row-error").isDisplayed()).isFalse();
        assertThat(el("message").getText()).startsWith("Reset");
        assertThat(rows.get(id)).containsEntry("state", "UNEDITED").containsEntry("video_link", null)
                .containsEntry("error", null);
    }

    @Test
    void anEditedRowIsResetWithoutForce() throws Exception {
        String id = rows.insertEdited("Queued clip", "2026-11-20T14:01:00", "2026-11-20T14:01:06", "desertbus",
                "source", "local", false);
        driver().get(node.url("/editor/?id=" + id));
        browser.waitUpTo(10).until(d -> el("state").getText().equals("EDITED"));
        assertThat(el("reset").getText()).isEqualTo("Reset to unedited");
        el("reset").click();
        browser.waitUpTo(10).until(d -> el("state").getText().equals("UNEDITED"));
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");
    }
}
