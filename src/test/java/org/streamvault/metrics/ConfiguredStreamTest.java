package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfiguredStreamTest {
    @Test
    void trailingBangMarksImportantChannels() {
        assertThat(ConfiguredStream.parse(" desertbus! , other,,desertbus", "source,480p")).containsExactly(
                new ConfiguredStream("desertbus", "source", true),
                new ConfiguredStream("desertbus", "480p", true),
                new ConfiguredStream("other", "source", false),
                new ConfiguredStream("other", "480p", false));
    }

    @Test
    void emptySettingsGiveNoStreams() {
        assertThat(ConfiguredStream.parse("", "source")).isEmpty();
        assertThat(ConfiguredStream.parse(null, null)).isEmpty();
    }
}
