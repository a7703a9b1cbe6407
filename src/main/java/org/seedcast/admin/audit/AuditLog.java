package org.seedcast.admin.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit log table: appends, and searches newest first. Writes give up after
 * {@value #WRITE_TIMEOUT_SECONDS} s: an audit row is never worth holding a thread on a stalled database.
 */
@Component
class AuditLog {

    static final int WRITE_TIMEOUT_SECONDS = 5;

    private final JdbcClient jdbc;
    private final JdbcClient writes;
    private final Clock clock;

    AuditLog(DataSource dataSource, Clock clock) {
        this.jdbc = dataSource == null ? null : JdbcClient.create(dataSource);
        this.writes = dataSource == null ? null : JdbcClient.create(timed(dataSource));
        this.clock = clock;
    }

    void record(String actor, String method, String path, String detail, int status, String address) {
        insert(actor, method, path, detail, status, address);
    }

    /** Appends an entry; returns its id. */
    long insert(String actor, String method, String path, String detail, int status, String address) {
        return writes.sql("insert into audit_log (at, actor, method, path, detail, status, address) values (?, ?, ?, ?, ?, ?, ?) returning id")
                .params(Timestamp.from(Instant.now(clock)), cut(actor, 64), cut(method, 8), cut(path, 500),
                        cut(detail, 1000), status, cut(address, 64))
                .query(Long.class).single();
    }

    /** Rewrites an entry's detail: how {@link FailedSignIns} adds up a minute's refusals in one row. */
    void updateDetail(long id, String detail) {
        writes.sql("update audit_log set detail = ? where id = ?").params(cut(detail, 1000), id).update();
    }

    /** Entries whose actor, path, detail or address contains {@code query} (any case), newest first. */
    List<AuditEntry> search(String query, int offset, int limit) {
        return jdbc.sql("select * from audit_log where " + MATCHES + " order by at desc, id desc offset ? limit ?")
                .params(pattern(query), pattern(query), pattern(query), pattern(query), offset, limit)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("method"), rs.getString("path"), rs.getString("detail"), rs.getInt("status"),
                        rs.getString("address")))
                .list();
    }

    long count(String query) {
        return jdbc.sql("select count(*) from audit_log where " + MATCHES)
                .params(pattern(query), pattern(query), pattern(query), pattern(query))
                .query(Long.class).single();
    }

    private static final String MATCHES = "(actor ilike ? or path ilike ? or detail ilike ? or address ilike ?)";

    private static String pattern(String query) {
        String q = query == null ? "" : query.strip();
        return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static JdbcTemplate timed(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setQueryTimeout(WRITE_TIMEOUT_SECONDS);
        return template;
    }

    private static String cut(String text, int max) {
        String t = text == null ? "" : text;
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }
}
