package org.seedcast.admin;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Foreign info-hashes an admin has set aside: the review page hides them unless asked. The
 * tracker is not involved: an ignored hash is still refused and still counted. Kept in memory
 * (the page asks for every row) and in {@code ignored_torrents}.
 */
@Component
class IgnoredTorrents {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Set<String> hashes = ConcurrentHashMap.newKeySet();

    IgnoredTorrents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        hashes.addAll(jdbc.sql("select info_hash from ignored_torrents").query(String.class).list());
    }

    boolean contains(String infoHashHex) {
        return hashes.contains(infoHashHex);
    }

    void ignore(String infoHashHex, String admin) {
        jdbc.sql("insert into ignored_torrents (info_hash, ignored_by, ignored_at) values (?, ?, ?) on conflict do nothing")
                .params(infoHashHex, admin, Timestamp.from(clock.instant())).update();
        hashes.add(infoHashHex);
    }

    void unignore(String infoHashHex) {
        jdbc.sql("delete from ignored_torrents where info_hash = ?").params(infoHashHex).update();
        hashes.remove(infoHashHex);
    }
}
