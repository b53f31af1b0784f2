package org.streamvault.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.FaultyHlsOrigin;
import org.streamvault.testing.MediaProbe;
import org.streamvault.testing.StoreContents;
import org.streamvault.testing.TestBrowser;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * The home page and the player in real headless Chromium, on a node whose downloader records a
 * live stream from {@link FaultyHlsOrigin} timed to the wall clock: a 2-second segment is
 * published every 2 seconds, each starting "now", so the newest recorded segment is live.
 */
class PlayerBrowserTest {
    static final String CHANNEL = "test";
    static FaultyHlsOrigin origin;
    static TestNode node;
    static TestBrowser browser;
    static Path base;

    @BeforeAll
    static void setUp() throws Exception {
        base = Files.createTempDirectory("player-store");
        long now = System.currentTimeMillis() * 1000;
        // 60 distinct segments (2 minutes) so the test never sees the media repeat
        origin = FaultyHlsOrigin.start(60, now - FaultyHlsOrigin.WINDOW * 2_000_000L);
        origin.publish(FaultyHlsOrigin.WINDOW);
        origin.autoPublish(Duration.ofSeconds(2));
        node = TestNode.start(base, "streamvault.downloader.enabled", "true", "streamvault.channels", CHANNEL,
                "streamvault.source." + CHANNEL, origin.masterUrl(),
                "streamvault.downloader.poll-interval-seconds", "0.3");
        Await.until("the first recorded segments", Duration.ofSeconds(20), () -> recorded().size() >= 4);
        browser = TestBrowser.start();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (browser != null) {
            browser.close();
        }
        node.close();
        origin.close();
    }

    static List<StoreContents.File> recorded() {
        return StoreContents.list(base, CHANNEL, "source").stream().filter(f -> f.type() == SegmentType.FULL)
                .sorted(Comparator.comparingLong(StoreContents.File::startMicros)).toList();
    }

    ChromeDriver driver() {
        return browser.driver();
    }

    /** The wall-clock time the page shows for the playhead, in microseconds. */
    long shownTime() {
        return Timestamps.parseUtc(browser.el("clock").getText());
    }

    @Test
    void homePageListsTheRecordedChannelAndLinksToThePlayer() throws Exception {
        driver().get(node.url("/"));
        assertThat(browser.el("node-version").getText()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(driver().findElement(By.cssSelector("section.channel h3")).getText()).isEqualTo(CHANNEL);
        assertThat(driver().findElement(By.cssSelector("#components li.on")).getText()).isEqualTo("downloader: on");
        // the page's script says how fresh the newest segment is
        browser.waitUpTo(5).until(d -> d.findElement(By.cssSelector("td.newest .ago")).getText().matches("\\(\\d+ s ago\\)"));
        browser.screenshot("home-page.png");
        driver().findElement(By.cssSelector("a.watch")).click();
        browser.waitUpTo(10).until(d -> d.getCurrentUrl().endsWith("/watch/test/source"));
        browser.waitUpTo(30).until(d -> browser.currentTime() > 1.0);
    }

    @Test
    void playsTheLiveTailAndShowsItsWallClockTime() throws Exception {
        driver().get(node.url("/watch/test/source"));
        browser.waitUpTo(30).until(d -> browser.currentTime() > 0.5 && !browser.el("clock").getText().equals("–"));
        double before = browser.currentTime();
        browser.waitUpTo(15).until(d -> browser.currentTime() > before + 2.5);
        long shown = shownTime();
        long newestStart = recorded().get(recorded().size() - 1).startMicros();
        // two segments behind the newest, the live sync point; "a few seconds" allows for the poll
        assertThat((newestStart - shown) / 1e6).as("seconds between the newest segment and the playhead")
                .isBetween(-2.0, 6.0);
        assertThat(browser.el("live-state").getText()).isEqualTo("LIVE");
        browser.screenshot("player-live.png");

        // seek back 8 s: the page says how far behind live it is; "go live" returns to the edge
        browser.js("const v = document.getElementById('video'); v.currentTime = Math.max(0, v.currentTime - 8)");
        browser.waitUpTo(10).until(d -> browser.el("live-state").getText().endsWith("behind live"));
        browser.el("go-live").click();
        browser.waitUpTo(10).until(d -> browser.el("live-state").getText().equals("LIVE"));
        assertThat((recorded().get(recorded().size() - 1).startMicros() - shownTime()) / 1e6).isBetween(-2.0, 6.0);
    }

    @Test
    void playsAChosenPastRangeFromItsStartAndDownloadsIt() throws Exception {
        List<StoreContents.File> files = recorded();
        // half a segment into the first recorded segment, for four seconds
        long start = files.get(0).startMicros() + 500_000;
        String startIso = Timestamps.formatIso(start);
        driver().get(node.url("/watch/test/source"));
        browser.el("start").sendKeys(startIso);
        browser.el("end").sendKeys("+4s");
        browser.el("play-range").click();
        browser.waitUpTo(10).until(d -> d.getCurrentUrl().contains("start="));
        assertThat(browser.el("what").getText()).contains("(0 min 4 s)");
        browser.waitUpTo(30).until(d -> !browser.el("clock").getText().equals("–") && browser.currentTime() > 0.3);
        long first = shownTime();
        assertThat((first - start) / 1e6).as("the range plays from its start").isBetween(0.0, 1.5);
        browser.waitUpTo(15).until(d -> shownTime() > start + 2_500_000);
        assertThat(browser.el("live-state").getText()).isEmpty();

        String href = driver().findElement(By.cssSelector("a.cut[data-type=smart]")).getDomProperty("href");
        assertThat(href).startsWith(node.url("/cut/test/source.ts?start="));
        Path cut = Files.createTempFile("player-smart", ".ts");
        try {
            HttpResponse<Path> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofFile(cut));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(MediaProbe.videoFrames(cut)).isCloseTo(4 * TestMedia.FPS, within(1));
            assertThat(MediaProbe.videoDuration(cut)).isCloseTo(4.0, within(0.1));
        } finally {
            Files.deleteIfExists(cut);
        }
    }
}
