package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamListTest {
    @Test
    void importantMarksBlanksAndDuplicatesAreDropped() {
        assertThat(StreamList.parse(" desertbus!, db_chapter ,,desertbus")).containsExactly("desertbus", "db_chapter");
        assertThat(StreamList.parse("")).isEmpty();
        assertThat(StreamList.parse(null)).isEmpty();
    }
}
