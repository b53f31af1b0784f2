package org.streamvault.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoxTest {
    @Test
    void parsesFourIntegersInWubloadersOrder() {
        Box box = Box.parse("crop", "10, 20,110,80");
        assertThat(box).isEqualTo(new Box(10, 20, 110, 80));
        assertThat(box.width()).isEqualTo(100);
        assertThat(box.height()).isEqualTo(60);
        assertThat(box).hasToString("10,20,110,80");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1,2,3", "1,2,3,4,5", "1,2,3,x", "1.0,2,3,4", "1,,3,4", "99999999999,0,1,1"})
    void anythingButFourIntegersIsRefusedInOneLineNamingTheParameter(String text) {
        assertThatThrownBy(() -> Box.parse("location", text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("location must be four integers");
    }

    @Test
    void aBoxMustBeNonEmptyAndInsideItsImage() {
        assertThat(new Box(0, 0, 1280, 720).checkInside("crop", "the frame", 1280, 720)).isNotNull();
        assertThatThrownBy(() -> new Box(5, 5, 5, 10).checkInside("crop", "the frame", 100, 100))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> new Box(5, 10, 6, 9).checkInside("crop", "the frame", 100, 100))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> new Box(0, 0, 101, 100).checkInside("crop", "the frame", 100, 100))
                .hasMessageContaining("reaches outside the frame (100x100)");
        assertThatThrownBy(() -> new Box(-1, 0, 10, 10).checkInside("location", "the template", 100, 100))
                .hasMessageContaining("outside the template");
    }

    @Test
    void databaseBoxesNeedFourValues() {
        assertThat(Box.of(new Integer[] {1, 2, 3, 4})).isEqualTo(new Box(1, 2, 3, 4));
        assertThat(Box.of(null)).isNull();
        assertThatThrownBy(() -> Box.of(new Integer[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Box.of(new Integer[] {1, null, 3, 4})).isInstanceOf(IllegalArgumentException.class);
    }
}
