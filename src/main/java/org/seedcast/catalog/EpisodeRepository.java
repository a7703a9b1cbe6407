package org.seedcast.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
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

    /**
     * Keeps what was read from an episode's media, if it still has that media and its facts are not read yet;
     * no version check (see {@link Episode}'s facts columns). The first reading to finish wins: a second one of
     * the same media (an overflow picked up again while a retry waits, another node's backfill) cannot overwrite
     * facts already known with a later failure, nor drop their poster. Returns how many rows changed: 0 when the
     * episode or its media is gone, or its facts were recorded already.
     */
    @Modifying
    @Query("update Episode e set e.factsState = :#{#facts.state()}, e.durationMillis = :#{#facts.durationMillis()},"
            + " e.width = :#{#facts.width()}, e.height = :#{#facts.height()}, e.container = :#{#facts.container()},"
            + " e.videoCodec = :#{#facts.videoCodec()}, e.audioCodec = :#{#facts.audioCodec()},"
            + " e.posterId = :#{#facts.posterId()}, e.factsProblem = :#{#facts.problem()}, e.updatedAt = :now"
            + " where e.id = :id and e.mediaId = :mediaId and (e.factsState is null or e.factsState = 'PENDING')")
    int recordFacts(long id, UUID mediaId, MediaFacts facts, Instant now);

    @Query("select e.posterId from Episode e where e.id = :id")
    UUID findPosterId(long id);

    @Query("select count(e) from Episode e where e.showId = :showId and e.status = 'PUBLISHED'")
    long countPublished(long showId);
}
