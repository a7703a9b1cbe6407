package org.seedcast.storage;

import org.seedcast.accounts.SeedcastUser;
import org.seedcast.torrent.TorrentFormat;

/**
 * What an upload is for, decided outside storage: the catalog implements this to check that a
 * user may add episodes to a show, and to create the draft episode once the last byte arrived.
 */
public interface UploadTarget {

    /**
     * Checks that {@code user} may upload an episode to the show with this slug.
     *
     * @return the show and the torrent format its episodes get, so the upload is hashed for it as it arrives
     * @throws org.springframework.web.ErrorResponseException 404 for an unknown show, 403 for a show the user does not manage
     */
    UploadPlan authorize(String showSlug, SeedcastUser user);

    /**
     * Checks that {@code user} may still add episodes to the show an upload was started for: rights
     * can be taken away while an upload is under way, and its bytes must not then become an episode.
     *
     * @throws org.springframework.security.access.AccessDeniedException when the user no longer manages the show
     */
    void requireStillAllowed(long showId, SeedcastUser user);

    /**
     * @param showId the show
     * @param format the torrent format of the show's episodes
     */
    record UploadPlan(long showId, TorrentFormat format) {
    }

    /**
     * The upload is complete and its media stored.
     *
     * @return the id of the draft episode that now holds the media
     */
    long completed(CompletedUpload upload);

    /**
     * @param showId    the show
     * @param accountId who uploaded it
     * @param fileName  the name the user's file had (for display and a stable download name)
     * @param title     the episode title given with the upload
     * @param media     the stored file
     */
    record CompletedUpload(long showId, long accountId, String fileName, String title, StoredMedia media) {
    }
}
