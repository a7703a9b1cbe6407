package org.seedcast.torrent;

/**
 * The bytes are not a torrent this engine can read: the message says why in words fit for the
 * person who uploaded them (for bencode errors, with the byte offset).
 */
public final class InvalidTorrentException extends Exception {

    public InvalidTorrentException(String message) {
        super(message);
    }

    public InvalidTorrentException(String message, Throwable cause) {
        super(message, cause);
    }
}
