package org.seedcast.catalog;

/** A published episode went back to draft. */
public record EpisodeWithdrawn(EpisodeView episode) {
}
