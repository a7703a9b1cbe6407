package org.seedcast.storage;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Which media the public may fetch: the catalog implements it for published episodes. */
public interface MediaDirectory {

    /** The media of a published episode, or empty when there is none (unknown, draft, withdrawn). */
    Optional<PublicMedia> publishedMedia(long episodeId);

    /**
     * As {@link #publishedMedia(long)}, but only what is known without asking the database: empty
     * also when the episode may well be published but is not (or no longer reliably) in memory.
     */
    Optional<PublicMedia> knownPublishedMedia(long episodeId);

    /** The poster frame of a published episode, or empty. */
    Optional<PublicMedia> episodePoster(long episodeId);

    /** The artwork of a show, or empty. */
    Optional<PublicMedia> showArtwork(String showSlug);

    /**
     * @param mediaId      the stored file
     * @param fileName     the only name under which it is served
     * @param mediaType    its MIME type
     * @param size         bytes
     * @param sha256       the whole file's SHA-256 (hex); its start is the ETag
     * @param lastModified when it was published or last replaced
     */
    record PublicMedia(UUID mediaId, String fileName, String mediaType, long size, String sha256, Instant lastModified) {
    }
}
