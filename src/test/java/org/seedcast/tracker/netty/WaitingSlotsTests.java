package org.seedcast.tracker.netty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitingSlotsTests {

    private final WaitingSlots waiting = new WaitingSlots(8);

    @Test
    void theOldestIsTheFirstToBeginWaitingThatStillWaits() {
        assertThat(waiting.oldest()).as("none waits").isEqualTo(-1);
        waiting.addNewest(5);
        waiting.addNewest(2);
        waiting.addNewest(7);

        waiting.remove(5);
        assertThat(waiting.oldest()).isEqualTo(2);
        waiting.remove(7); // the newest: the list's end moves back
        waiting.addNewest(3);
        waiting.remove(2);
        assertThat(waiting.oldest()).isEqualTo(3);
        waiting.remove(3);
        assertThat(waiting.oldest()).isEqualTo(-1);
    }

    @Test
    void beginningToWaitAgainMakesASlotTheNewestAndRemovingItTwiceIsHarmless() {
        waiting.addNewest(1);
        waiting.addNewest(4);
        waiting.addNewest(1);
        waiting.remove(6); // never waited

        assertThat(waiting.oldest()).isEqualTo(4);
        waiting.remove(4);
        waiting.remove(4);
        assertThat(waiting.oldest()).isEqualTo(1);
    }
}
