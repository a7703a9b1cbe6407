package org.seedcast.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The P2P share: what fans downloaded beyond what our seed and web seed sent them. */
class TrafficFiguresTests {

    @Test
    void theShareIsWhatFansReportedBeyondOurSeedAndWebSeed() {
        TrafficFigures figures = new TrafficFigures(200, 100, 0, 1000);

        assertThat(figures.fromOurServers()).isEqualTo(300);
        assertThat(figures.betweenFans()).isEqualTo(700);
        assertThat(figures.p2pShare()).isCloseTo(0.7, within(1e-9));
        assertThat(figures.p2pShareText()).isEqualTo("70 %");
    }

    @Test
    void plainDownloadsAreNotPartOfTheFansTraffic() {
        assertThat(new TrafficFigures(200, 100, 5000, 1000).p2pShare())
                .isEqualTo(new TrafficFigures(200, 100, 0, 1000).p2pShare());
    }

    @Test
    void whenFansReportedLessThanWeSentTheShareIsZeroNotNegative() {
        TrafficFigures figures = new TrafficFigures(800, 400, 0, 1000);

        assertThat(figures.betweenFans()).isZero();
        assertThat(figures.p2pShare()).isZero();
        assertThat(figures.p2pShareText()).isEqualTo("0 %");
    }

    @Test
    void withoutFansReportsTheShareIsUndefined() {
        TrafficFigures figures = new TrafficFigures(800, 400, 10, 0);

        assertThat(figures.p2pShare()).isNull();
        assertThat(figures.p2pShareText()).isEqualTo("—");
        assertThat(TrafficFigures.NONE.p2pShare()).isNull();
    }

    @Test
    void aSwarmFedOnlyByFansHasAShareOfOne() {
        assertThat(new TrafficFigures(0, 0, 0, 1000).p2pShare()).isEqualTo(1.0);
    }

    @Test
    void figuresAddUpSourceBySource() {
        assertThat(new TrafficFigures(1, 2, 3, 4).plus(new TrafficFigures(10, 20, 30, 40)))
                .isEqualTo(new TrafficFigures(11, 22, 33, 44));
    }
}
