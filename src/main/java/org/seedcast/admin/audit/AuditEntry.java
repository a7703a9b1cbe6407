package org.seedcast.admin.audit;

import java.time.Instant;

/**
 * One recorded change.
 *
 * @param actor   the signed-in user
 * @param method  {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
 * @param path    the request path, e.g. {@code /admin/unknown-torrents/…/block}
 * @param detail  the form's fields, passwords and tokens left out
 * @param status  the HTTP status the request was answered with
 * @param address the client's address
 */
record AuditEntry(long id, Instant at, String actor, String method, String path, String detail, int status,
                  String address) {

    public boolean succeeded() {
        return status < 400;
    }
}
