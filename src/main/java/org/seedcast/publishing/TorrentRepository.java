package org.seedcast.publishing;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TorrentRepository extends JpaRepository<TorrentRecord, Long> {

    Optional<TorrentRecord> findByInfoHash(String infoHash);

    Optional<TorrentRecord> findByInfoHashV2(String infoHashV2);

    Optional<TorrentRecord> findByInfoHashAndPublishedTrue(String infoHash);

    Optional<TorrentRecord> findByInfoHashV2AndPublishedTrue(String infoHashV2);

    /**
     * Every published torrent's hashes and length, without its .torrent bytes (read at start and by
     * the admin pages). The length is its episode's media size (the torrent's one file), joined by
     * the episode id the torrents table already references.
     */
    @Query("select new org.seedcast.publishing.TorrentRepository$PublishedHashes(r.episodeId, r.infoHash, r.infoHashV2,"
            + " e.mediaSize) from TorrentRecord r left join Episode e on e.id = r.episodeId"
            + " where r.published = true order by r.episodeId")
    List<PublishedHashes> findPublishedHashes();

    /**
     * A published torrent's episode, v1 info-hash and v2 info-hash (hex; {@code null} for v1 only),
     * and length ({@code null} when unknown).
     */
    record PublishedHashes(Long episodeId, String infoHash, String infoHashV2, Long length) {
    }
}
