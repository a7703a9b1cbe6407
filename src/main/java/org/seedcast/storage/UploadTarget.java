package org.seedcast.storage;

import org.seedcast.accounts.SeedcastUser;

/**
 * What an upload is for, decided outside storage: the catalog implements this to check that a
 * user may add episodes to a show, and to create the draft episode once the last byte arrived.
 */
public interface UploadTarget {

    /**
     * Checks that {@code user} may upload an episode to the show with this slug.
     *
     * @return the show's id
     * @throws org.springframework.web.ErrorResponseException 404 for an unknown show, 403 for a show the user does not manage
     */
    long authorize(String showSlug, SeedcastUser user);

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
