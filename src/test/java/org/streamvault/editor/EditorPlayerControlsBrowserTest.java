package org.streamvault.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.streamvault.segments.Timestamps;

/**
 * The player's controls: the keyboard shortcuts do what the page's list says, the pad buttons and
 * the speed (the video is 120 s: 14:00:00 to 14:02:00).
 */
class EditorPlayerControlsBrowserTest extends BaseEditorPageTest {

    static void press(CharSequence... keys) {
        driver().findElement(By.tagName("body")).sendKeys(keys);
    }

    /** Seconds from 14:00:00 (where the video starts) to the time in an input of the page. */
    static double secondsIn(String id) {
        return (Timestamps.parseUtc(el(id).getDomProperty("value")) - Timestamps.parseUtc(T0)) / 1e6;
    }

    /** Seconds from 14:00:00 to the playhead's time as the page shows it. */
    static double playheadSeconds() {
        return (Timestamps.parseUtc(el("playhead").getText()) - Timestamps.parseUtc(T0)) / 1e6;
    }

    static double duration() {
        return ((Number) browser.js("return document.getElementById('video').duration")).doubleValue();
    }

    @Test
    void keysMoveThePlayheadAndSetTheCurrentRange() throws Exception {
        String id = event("The bus honks");
        open(id, "UNEDITED");
        browser.waitUpTo(10).until(d -> duration() > 100);
        assertThat(duration()).isCloseTo(120.0, within(0.5));
        String keys = el("keys").getText();
        assertThat(keys).contains("j\n10 s back").contains("Shift+←\n60 s back").contains("0 – 9\ngo to 0 %, 10 %, … 90 %")
                .contains("[ / i\nset the current range's start").contains("o\nprevious range").contains("p\nnext range");

        press("5");
        assertThat(browser.currentTime()).isCloseTo(60.0, within(0.01));
        press("[");
        // the playhead's wall-clock time comes from the playlist and the segments' own timestamps (hls.js
        // re-times a fragment by its first packet once loaded): close to 14:01:00, not exact
        assertThat(secondsIn("range-start-1")).isCloseTo(60.0, within(0.2));
        press("l");
        assertThat(browser.currentTime()).isCloseTo(70.0, within(0.01));
        press("]");
        assertThat(secondsIn("range-end-1")).isCloseTo(70.0, within(0.2));
        assertThat(el("range-length-1").getText()).startsWith("0:00:1").isEqualTo(el("total-length").getText());
        press("j");
        assertThat(browser.currentTime()).isCloseTo(60.0, within(0.01));
        press(Keys.chord(Keys.SHIFT, Keys.ARROW_LEFT));
        assertThat(browser.currentTime()).isCloseTo(0.0, within(0.01));
        press(Keys.chord(Keys.SHIFT, Keys.ARROW_RIGHT));
        assertThat(browser.currentTime()).isCloseTo(60.0, within(0.01));
        press(Keys.ARROW_RIGHT);
        assertThat(browser.currentTime()).isCloseTo(65.0, within(0.01));
        press("0");
        assertThat(browser.currentTime()).isZero();

        // k plays and pauses
        press("k");
        browser.waitUpTo(10).until(d -> browser.currentTime() > 0.5);
        press("k");
        assertThat((Boolean) browser.js("return document.getElementById('video').paused")).isTrue();

        // a second range: p and o move between ranges; o goes to the start of range 1
        el("add-range").click();
        assertThat(el("range-2").getDomAttribute("class")).contains("current");
        press("9");
        press("i");
        assertThat(secondsIn("range-start-2")).isCloseTo(108.0, within(0.2));
        press("o");
        assertThat(el("range-1").getDomAttribute("class")).contains("current");
        assertThat(el("range-2").getDomAttribute("class")).doesNotContain("current");
        assertThat(browser.currentTime()).isCloseTo(60.0, within(0.2));
        press("O");
        assertThat(browser.currentTime()).isCloseTo(70.0, within(0.2));
        press("p");
        assertThat(el("range-2").getDomAttribute("class")).contains("current");
        assertThat(browser.currentTime()).as("p goes to range 2's start").isCloseTo(108.0, within(0.2));

        // typing in a field types, it does not seek
        el("video-title").sendKeys("j5");
        assertThat(browser.currentTime()).isCloseTo(108.0, within(0.2));
        assertThat(el("video-title").getDomProperty("value")).endsWith("j5");
    }

    @Test
    void padButtonsWidenThePlayersWindowAndKeepThePlayheadAndSpeedIsChosen() throws Exception {
        String id = event("The bus waits at a light");
        open(id, "UNEDITED");
        browser.waitUpTo(10).until(d -> duration() > 100);
        assertThat(el("player-window").getText())
                .isEqualTo("Video from 2026-11-20T14:00:00.000Z to 2026-11-20T14:03:10.000Z");
        press("5");
        browser.waitUpTo(5).until(d -> playheadSeconds() > 59);
        double before = playheadSeconds();
        el("pad-start").click();
        browser.waitUpTo(5).until(d -> el("player-window").getText().startsWith("Video from 2026-11-20T13:59:00.000Z"));
        el("pad-end").click();
        browser.waitUpTo(5).until(d -> el("player-window").getText().endsWith("to 2026-11-20T14:04:10.000Z"));
        // the playlist was loaded again: the playhead is where it was, in wall-clock time
        browser.waitUpTo(10).until(d -> browser.currentTime() > 1);
        assertThat(playheadSeconds()).isCloseTo(before, within(0.2));

        new Select(el("speed")).selectByValue("2");
        assertThat(((Number) browser.js("return document.getElementById('video').playbackRate")).doubleValue())
                .isEqualTo(2.0);
    }
}
