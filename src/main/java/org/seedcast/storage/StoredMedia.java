package org.seedcast.storage;

import java.util.UUID;

/**
 * A complete media file in the store.
 *
 * @param id        its name on disk; never derived from anything a user typed
 * @param mediaType the MIME type recognised from its first bytes
 * @param size      bytes
 * @param sha256    the whole file's SHA-256, 64 lower-case hex digits
 */
public record StoredMedia(UUID id, String mediaType, long size, String sha256) {
}
