package org.seedcast.publishing;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface TorrentRepository extends JpaRepository<TorrentRecord, Long> {

    Optional<TorrentRecord> findByInfoHashAndPublishedTrue(String infoHash);

    Optional<TorrentRecord> findByInfoHashV2AndPublishedTrue(String infoHashV2);

    List<TorrentRecord> findByPublishedTrue();
}
