package org.streamvault.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Several ranges in the page: added, removed and moved, each with its length, the transitions
 * between them, the total, the download links, and the preview of a join played in the page.
 */
class EditorRangesBrowserTest extends BaseEditorPageTest {

    /** Types the ranges given as start, end, start, end, ... adding a range for each pair after the first. */
    static void typeRanges(String... startsAndEnds) {
        for (int i = 0; i < startsAndEnds.length / 2; i++) {
            if (i > 0) {
                el("add-range").click();
            }
            type("range-start-" + (i + 1), startsAndEnds[2 * i]);
            type("range-end-" + (i + 1), startsAndEnds[2 * i + 1]);
        }
    }

    static void transition(int join, String type, String seconds) {
        new Select(el("transition-type-" + join)).selectByValue(type);
        if (!type.isEmpty()) {
            type("transition-duration-" + join, seconds);
        }
    }

    @Test
    void rangesAreAddedRemovedAndMovedAndTheTotalFollows() throws Exception {
        String id = event("The bus goes round three times");
        open(id, "UNEDITED");
        assertThat(el("total-length").getText()).isEqualTo("–");
        assertThat(el("range-remove-1").isEnabled()).as("the only range cannot be removed").isFalse();
        typeRanges("2026-11-20T14:00:02Z", "2026-11-20T14:00:08Z", "2026-11-20T14:01:00Z", "2026-11-20T14:01:05Z",
                "2026-11-20T14:00:30Z", "2026-11-20T14:00:34Z");
        assertThat(List.of(el("range-length-1").getText(), el("range-length-2").getText(), el("range-length-3").getText()))
                .containsExactly("0:00:06.000", "0:00:05.000", "0:00:04.000");
        assertThat(el("total-length").getText()).isEqualTo("0:00:15.000");

        // the choices are the node's GET /thrimshim/transitions, after "hard cut"
        List<String> offered = new Select(el("transition-type-1")).getOptions().stream().map(WebElement::getText).toList();
        assertThat(offered.get(0)).isEqualTo("hard cut");
        assertThat(offered).contains("fade", "wipeleft", "dissolve").hasSize(1 + org.streamvault.cut.TransitionTypes.all().size());
        assertThat(el("transition-duration-1").isEnabled()).as("a hard cut has no duration").isFalse();
        transition(1, "fade", "1.5");
        assertThat(el("total-length").getText()).as("the fade overlaps its ranges by 1.5 s").isEqualTo("0:00:13.500");
        transition(2, "fade", "0.5");
        assertThat(el("total-length").getText()).isEqualTo("0:00:13.000");

        // removing range 2 removes the join into it (the 1.5 s fade); range 3's join (0.5 s) now follows range 1
        el("range-remove-2").click();
        assertThat(driver().findElements(By.cssSelector("#ranges li.range"))).hasSize(2);
        assertThat(el("range-start-2").getDomProperty("value")).isEqualTo("2026-11-20T14:00:30.000Z");
        assertThat(el("transition-duration-1").getDomProperty("value")).isEqualTo("0.5");
        assertThat(el("total-length").getText()).isEqualTo("0:00:09.500");

        // moving a range moves the range, not the join: the video is 14:00:30 then 14:00:02
        el("range-up-2").click();
        assertThat(el("range-start-1").getDomProperty("value")).isEqualTo("2026-11-20T14:00:30.000Z");
        assertThat(el("range-start-2").getDomProperty("value")).isEqualTo("2026-11-20T14:00:02.000Z");
        assertThat(el("range-1").getDomAttribute("class")).as("the moved range stays current").contains("current");
        assertThat(el("range-length-1").getText()).isEqualTo("0:00:04.000");
        assertThat(el("total-length").getText()).isEqualTo("0:00:09.500");
        assertThat(el("range-up-1").isEnabled()).isFalse();
        assertThat(el("range-down-2").isEnabled()).isFalse();

        // the download links cut these ranges in this order, with the join's transition (rough: hard cuts)
        String fast = el("download-fast").getDomProperty("href");
        assertThat(fast).startsWith(node.url("/cut/desertbus/source.ts?type=fast&allow_holes=false&range="))
                .contains("range=2026-11-20T14%3A00%3A30.000Z%2C2026-11-20T14%3A00%3A34.000Z&transition=fade%2C0.5"
                        + "&range=2026-11-20T14%3A00%3A02.000Z%2C2026-11-20T14%3A00%3A08.000Z");
        assertThat(el("download-smart").getDomProperty("href")).contains("type=smart").contains("transition=fade%2C0.5");
        assertThat(el("download-rough").getDomProperty("href")).contains("type=rough").contains("&transition=&range=");
        browser.screenshot("editor-ranges.png");

        el("save-draft").click();
        browser.waitUpTo(10).until(d -> el("message").getText().equals("Draft saved."));
        assertThat(rows.get(id)).containsEntry("video_ranges", "{\"(\\\"2026-11-20 14:00:30\\\",\\\"2026-11-20 14:00:34\\\")\","
                + "\"(\\\"2026-11-20 14:00:02\\\",\\\"2026-11-20 14:00:08\\\")\"}")
                .containsEntry("video_transitions", "{\"(fade,0.5)\"}");

        // the saved draft loads back as it was saved
        open(id, "UNEDITED");
        assertThat(el("range-start-1").getDomProperty("value")).isEqualTo("2026-11-20T14:00:30.000Z");
        assertThat(new Select(el("transition-type-1")).getFirstSelectedOption().getText()).isEqualTo("fade");
        assertThat(el("total-length").getText()).isEqualTo("0:00:09.500");
    }

    @Test
    void anIncompleteRangeIsNotSaved() throws Exception {
        String id = event("The bus takes a detour");
        open(id, "UNEDITED");
        typeRanges("2026-11-20T14:00:02Z", "2026-11-20T14:00:08Z");
        el("add-range").click();
        type("range-start-2", "2026-11-20T14:01:00Z");
        assertThat(el("total-length").getText()).isEqualTo("–");
        assertThat(el("downloads").isDisplayed()).isFalse();
        el("submit").click();
        browser.waitUpTo(5).until(d -> el("message").getText().equals("Range 2 needs a start and an end."));
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");
    }

    @Test
    void aJoinIsPreviewedInThePage() throws Exception {
        String id = event("The bus meets another bus");
        open(id, "UNEDITED");
        typeRanges("2026-11-20T14:00:02Z", "2026-11-20T14:00:08Z", "2026-11-20T14:01:00Z", "2026-11-20T14:01:05Z");
        transition(1, "fade", "1");
        el("preview-join-1").click();
        browser.waitUpTo(10).until(d -> el("preview-box").isDisplayed());
        assertThat(el("preview-what").getText()).isEqualTo("Join 1: the end of range 1, fade 1 s, the start of range 2 (7.0 s)");
        // a smart cut of each range's 4 s beside the join, with the transition
        assertThat(el("preview-box").getDomAttribute("data-url")).isEqualTo("/cut/desertbus/source.ts?type=smart"
                + "&allow_holes=true&range=2026-11-20T14%3A00%3A04.000Z%2C2026-11-20T14%3A00%3A08.000Z&transition=fade%2C1"
                + "&range=2026-11-20T14%3A01%3A00.000Z%2C2026-11-20T14%3A01%3A04.000Z");
        browser.waitUpTo(30).until(d -> browser.currentTime("preview") > 1.5);
        assertThat(el("preview-status").getText()).isEmpty();
        assertThat(browser.currentTime()).as("the main player is left where it was").isZero();
        browser.screenshot("editor-preview.png");

        // a join of ranges with no video: the restreamer's reason is shown
        typeRanges("2026-11-20T14:05:00Z", "2026-11-20T14:05:05Z");
        type("range-start-2", "2026-11-20T14:06:00Z");
        type("range-end-2", "2026-11-20T14:06:05Z");
        el("preview-join-1").click();
        browser.waitUpTo(10).until(d -> el("preview-status").getText().startsWith("No preview: "));
        assertThat(el("preview-status").getText()).contains("no segments");
        el("preview-close").click();
        assertThat(el("preview-box").isDisplayed()).isFalse();
    }
}
