package org.streamvault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void qualitiesDefaultToSourceAndListsAreDistinct() {
        var streams = ConfiguredStream.parse(" desertbus!, db_chapter ,,desertbus", "");
        assertThat(ConfiguredStream.channels(streams)).containsExactly("desertbus", "db_chapter");
        assertThat(ConfiguredStream.qualities(streams)).containsExactly("source");
    }

    @Test
    void namesThatAreNotPlainDirectoriesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ConfiguredStream.parse("../etc", "source"))
                .hasMessage("streamvault.channels: '../etc' is not a channel name (letters, digits, _ . -; '!' suffix for important)");
        assertThatThrownBy(() -> ConfiguredStream.parse(".hidden", "source")).hasMessageContaining("'.hidden'");
        assertThatThrownBy(() -> ConfiguredStream.parse("ok", "source,a/b"))
                .hasMessageStartingWith("streamvault.qualities: 'a/b'");
    }
}
