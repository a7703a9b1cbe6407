package org.seedcast.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ShowRepository extends JpaRepository<Show, Long> {

    Optional<Show> findBySlug(String slug);

    boolean existsBySlug(String slug);

    List<Show> findAllByOrderByTitleAsc();

    @Query("select s from Show s join s.producerIds p where p = :accountId order by s.title")
    List<Show> findManagedBy(long accountId);
}
