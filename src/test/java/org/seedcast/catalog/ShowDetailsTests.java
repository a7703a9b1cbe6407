package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.seedcast.torrent.TorrentFormat;

import org.junit.jupiter.api.Test;

class ShowDetailsTests {

    @Test
    void normalisesAValidShow() {
        ShowDetails details = ShowDetails.of(" Tech-Talk ", " Tech & Talk ", null, null, "", null, false, null);
        assertThat(details.slug()).isEqualTo("tech-talk");
        assertThat(details.title()).isEqualTo("Tech & Talk");
        assertThat(details.language()).isEqualTo("en");
        assertThat(details.torrentFormat()).isEqualTo(TorrentFormat.V1);
    }

    @Test
    void namesTheFieldAtFault() {
        assertThatThrownBy(() -> ShowDetails.of("no spaces", "T", "", "", "en", "", false, "v1"))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("slug");
        assertThatThrownBy(() -> ShowDetails.of("-dash", "T", "", "", "en", "", false, "v1"))
                .extracting("field").isEqualTo("slug");
        assertThatThrownBy(() -> ShowDetails.of("ok", "  ", "", "", "en", "", false, "v1"))
                .extracting("field").isEqualTo("title");
        assertThatThrownBy(() -> ShowDetails.of("ok", "T", "", "", "english please", "", false, "v1"))
                .extracting("field").isEqualTo("language");
        assertThatThrownBy(() -> ShowDetails.of("ok", "T", "", "", "en", "", false, "v2"))
                .extracting("field").isEqualTo("torrentFormat");
    }

    @Test
    void acceptsHybridAndRegionalLanguages() {
        ShowDetails details = ShowDetails.of("ok", "T", "", "", "pt-BR", "", true, "HYBRID");
        assertThat(details.torrentFormat()).isEqualTo(TorrentFormat.HYBRID);
        assertThat(details.language()).isEqualTo("pt-BR");
        assertThat(details.explicit()).isTrue();
    }

    @Test
    void validatesEpisodeNumbers() {
        assertThatThrownBy(() -> EpisodeDetails.of("E", "", 0, null)).extracting("field").isEqualTo("season");
        assertThatThrownBy(() -> EpisodeDetails.of("E", "", null, -3)).extracting("field").isEqualTo("episodeNumber");
        assertThat(EpisodeDetails.of(" E ", null, 2, 5)).isEqualTo(new EpisodeDetails("E", "", 2, 5));
    }
}
