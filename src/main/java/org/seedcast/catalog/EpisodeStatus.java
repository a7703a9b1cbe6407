package org.seedcast.catalog;

/** Draft (only its producers see it) → scheduled (published at a set time) → published. */
public enum EpisodeStatus {
    DRAFT, SCHEDULED, PUBLISHED
}
