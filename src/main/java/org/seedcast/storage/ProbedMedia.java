package org.seedcast.storage;

/**
 * What ffprobe read from a stored media file, and the poster frame ffmpeg took from it; any part may be
 * {@code null} where the file does not have it (no video stream, no duration in a live-cut stream).
 *
 * @param durationSeconds how long it plays
 * @param width           the first video stream's width in pixels (cover art of an audio file is not one)
 * @param height          its height
 * @param container       ffprobe's name of the container ({@code mov,mp4,m4a,3gp,3g2,mj2}, {@code matroska,webm})
 * @param videoCodec      the first video stream's codec ({@code h264}, {@code vp9}), as ffprobe names it
 * @param audioCodec      the first audio stream's codec ({@code aac}, {@code opus})
 * @param poster          a JPEG frame from a tenth into the video, already in the store; {@code null} without video
 *                        or ffmpeg
 */
public record ProbedMedia(Double durationSeconds, Integer width, Integer height, String container, String videoCodec,
                          String audioCodec, StoredMedia poster) {
}
