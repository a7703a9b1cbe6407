package org.seedcast.storage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface UploadRepository extends JpaRepository<Upload, UUID> {

    List<Upload> findByEpisodeIdIsNullAndUpdatedAtBefore(Instant cutoff);

    long countByAccountIdAndEpisodeIdIsNull(long accountId);

    List<Upload> findByEpisodeIdIsNull();
}
