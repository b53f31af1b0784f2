package org.streamvault.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.streamvault.segments.Timestamps;

/** The keyboard shortcuts do what the page's list says (the video is 120 s: 14:00:00 to 14:02:00). */
class EditorKeysBrowserTest extends BaseEditorPageTest {

    static void press(CharSequence... keys) {
        driver().findElement(By.tagName("body")).sendKeys(keys);
    }

    /** Seconds from 14:00:00 (where the video starts) to the time in an input of the page. */
    static double secondsIn(String id) {
        return (Timestamps.parseUtc(el(id).getDomProperty("value")) - Timestamps.parseUtc(T0)) / 1e6;
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
        // the playhead's wall-clock time comes from the segments' own timestamps: within a few ms of 14:01:00
        assertThat(secondsIn("range-start-1")).isCloseTo(60.0, within(0.05));
        press("l");
        assertThat(browser.currentTime()).isCloseTo(70.0, within(0.01));
        press("]");
        assertThat(secondsIn("range-end-1")).isCloseTo(70.0, within(0.05));
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
        assertThat(secondsIn("range-start-2")).isCloseTo(108.0, within(0.05));
        press("o");
        assertThat(el("range-1").getDomAttribute("class")).contains("current");
        assertThat(el("range-2").getDomAttribute("class")).doesNotContain("current");
        assertThat(browser.currentTime()).isCloseTo(60.0, within(0.05));
        press("O");
        assertThat(browser.currentTime()).isCloseTo(70.0, within(0.05));
        press("p");
        assertThat(el("range-2").getDomAttribute("class")).contains("current");
        assertThat(browser.currentTime()).as("p goes to range 2's start").isCloseTo(108.0, within(0.05));

        // typing in a field types, it does not seek
        el("video-title").sendKeys("j5");
        assertThat(browser.currentTime()).isCloseTo(108.0, within(0.05));
        assertThat(el("video-title").getDomProperty("value")).endsWith("j5");
    }
}
