package org.seedcast.catalog;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface EpisodeCompanionRepository extends JpaRepository<EpisodeCompanion, Long> {

    /** Which of these episodes have chapters or a transcript, without loading either. */
    @Query("select new org.seedcast.catalog.Companions$Present(c.episodeId, case when c.chapters is not null then true else false end,"
            + " case when c.transcript is not null then true else false end)"
            + " from EpisodeCompanion c where c.episodeId in :episodeIds")
    List<Companions.Present> presentFor(Collection<Long> episodeIds);
}
