package org.seedcast.catalog;

import org.seedcast.accounts.SeedcastUser;
import org.seedcast.storage.UploadTarget;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Uploads are for episodes: the uploader must manage the show, and a finished upload becomes a draft. */
@Component
class CatalogUploads implements UploadTarget {

    private final Catalog catalog;
    private final ShowRepository shows;

    CatalogUploads(Catalog catalog, ShowRepository shows) {
        this.catalog = catalog;
        this.shows = shows;
    }

    @Override
    @Transactional(readOnly = true)
    public UploadPlan authorize(String showSlug, SeedcastUser user) {
        Show show = catalog.managedShow(showSlug, user);
        return new UploadPlan(show.getId(), show.getTorrentFormat());
    }

    @Override
    @Transactional(readOnly = true)
    public void requireStillAllowed(long showId, SeedcastUser user) {
        Show show = shows.findById(showId)
                .orElseThrow(() -> new NotFoundException("The show of this upload no longer exists."));
        if (!user.isAdmin() && !show.isManagedBy(user.id())) {
            throw new AccessDeniedException("You no longer manage the show " + show.getSlug()
                    + ", so this upload cannot become one of its episodes. Ask an admin to assign you the show"
                    + " again, or delete the upload.");
        }
    }

    @Override
    @Transactional
    public long completed(CompletedUpload upload) {
        Show show = shows.findById(upload.showId())
                .orElseThrow(() -> new NotFoundException("The show of this upload no longer exists."));
        EpisodeDetails details = EpisodeDetails.of(upload.title(), "", null, null);
        return catalog.createEpisode(show, details, upload.media(), upload.fileName()).getId();
    }
}
