package org.seedcast.catalog;

/** An episode became public (now, or when its scheduled time came). */
public record EpisodePublished(EpisodeView episode) {
}
