package org.streamvault.editor;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestBrowser;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/**
 * The editor page's tests share this: real headless Chromium and a node that serves both the
 * editor (no authentication) and the video: 60 real 2-second segments from 14:00:00 to 14:02:00.
 * Events run 14:01:00 to 14:01:10, so the padded range (a minute before, two after) ends in a
 * hole and the playlist has no ENDLIST.
 */
abstract class BaseEditorPageTest {
    static final String T0 = "2026-11-20T14:00:00";
    static TestDatabase testDb;
    static EventRows rows;
    static Path store;
    static TestNode node;
    static TestBrowser browser;

    @BeforeAll
    static void startNodeAndBrowser() throws Exception {
        testDb = TestDatabase.create();
        rows = new EventRows(testDb);
        TestNode.initialise(testDb);
        store = Files.createTempDirectory("editor-store");
        StoreBuilder s = new StoreBuilder(store, "desertbus", "source");
        s.addMedia(Timestamps.parseUtc(T0), 60, "2.0");
        node = TestNode.start(store, "streamvault.editor.enabled", "true", "streamvault.db.url", testDb.url(),
                "streamvault.db.user", testDb.user(), "streamvault.editor.auth.enabled", "false",
                "streamvault.editor.title-prefix", "DB2026", "streamvault.editor.upload-locations", "youtube,local",
                "streamvault.editor.event-start", "2026-11-20T12:00:00Z");
        browser = TestBrowser.start();
    }

    @AfterAll
    static void stopNodeAndBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
        node.close();
        testDb.close();
    }

    static ChromeDriver driver() {
        return browser.driver();
    }

    static WebElement el(String id) {
        return browser.el(id);
    }

    /** An UNEDITED event from 14:01:00 to 14:01:10. */
    static String event(String description) throws Exception {
        return rows.insertUnedited("Friday", "2026-11-20T14:01:00", "2026-11-20T14:01:10", "Highlights", description);
    }

    /** Opens the row in the page and waits until it shows {@code state}. */
    static void open(String id, String state) {
        driver().get(node.url("/editor/?id=" + id));
        browser.waitUpTo(10).until(d -> el("state").getText().equals(state));
    }

    /** Types a time into an (empty) input of the page. */
    static void type(String id, String text) {
        el(id).clear();
        el(id).sendKeys(text);
    }
}
