package org.seedcast.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface EpisodeRepository extends JpaRepository<Episode, Long> {

    @Query("select e from Episode e where e.showId = :showId and e.status = 'PUBLISHED' order by e.publishedAt desc, e.id desc")
    List<Episode> findPublished(long showId);

    @Query("select e from Episode e where e.showId in :showIds and e.status = 'PUBLISHED' order by e.publishedAt desc, e.id desc")
    List<Episode> findPublishedOfShows(Collection<Long> showIds);

    @Query("select e from Episode e where e.showId = :showId order by e.createdAt desc, e.id desc")
    List<Episode> findAllOfShow(long showId);

    /** Scheduled episodes whose time has come, leaving out those waiting after a failed try. */
    @Query("select e.id from Episode e where e.status = 'SCHEDULED' and e.publishAt <= :now"
            + " and (e.nextAttemptAt is null or e.nextAttemptAt <= :now) order by e.publishAt, e.id")
    List<Long> findDue(Instant now);

    /** Episodes with media whose facts were never read or were left pending, newest first. */
    @Query("select e from Episode e where e.mediaId is not null"
            + " and (e.factsState is null or e.factsState = 'PENDING') order by e.id desc")
    List<Episode> findWithoutFacts(Pageable page);

    @Query("select count(e) from Episode e where e.showId = :showId and e.status = 'PUBLISHED'")
    long countPublished(long showId);
}
