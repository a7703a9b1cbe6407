package org.seedcast.catalog;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An episode's chapters and transcript, apart from the episode so lists of episodes never load them. */
@Entity
@Table(name = "episode_companions")
class EpisodeCompanion {

    @Id
    @Column(name = "episode_id")
    private Long episodeId;

    private String chapters;

    private String transcript;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected EpisodeCompanion() {
    }

    EpisodeCompanion(long episodeId) {
        this.episodeId = episodeId;
    }

    String chapters() {
        return chapters;
    }

    String transcript() {
        return transcript;
    }

    void chapters(String json, Instant now) {
        chapters = json;
        updatedAt = now;
    }

    void transcript(String webVtt, Instant now) {
        transcript = webVtt;
        updatedAt = now;
    }

    boolean isEmpty() {
        return chapters == null && transcript == null;
    }
}
