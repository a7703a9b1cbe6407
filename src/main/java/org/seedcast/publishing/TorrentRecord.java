package org.seedcast.publishing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An episode's signed torrent, as served at {@code /torrents/{infoHash}.torrent}. */
@Entity
@Table(name = "torrents")
class TorrentRecord {

    @Id
    @Column(name = "episode_id")
    private Long episodeId;

    @Column(name = "info_hash", nullable = false, unique = true)
    private String infoHash;

    @Column(name = "info_hash_v2", unique = true)
    private String infoHashV2;

    @Column(nullable = false)
    private byte[] torrent;

    private boolean published;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected TorrentRecord() {
    }

    TorrentRecord(long episodeId, Instant now) {
        this.episodeId = episodeId;
        this.createdAt = now;
    }

    void publish(String infoHash, String infoHashV2, byte[] torrent, Instant now) {
        this.infoHash = infoHash;
        this.infoHashV2 = infoHashV2;
        this.torrent = torrent;
        this.published = true;
        this.updatedAt = now;
    }

    void withdraw(Instant now) {
        this.published = false;
        this.updatedAt = now;
    }

    Long getEpisodeId() {
        return episodeId;
    }

    String getInfoHash() {
        return infoHash;
    }

    String getInfoHashV2() {
        return infoHashV2;
    }

    byte[] getTorrent() {
        return torrent;
    }

    boolean isPublished() {
        return published;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
