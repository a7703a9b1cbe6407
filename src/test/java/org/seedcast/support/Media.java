package org.seedcast.support;

import java.util.Random;

/** Test media: random bytes behind a real MP4 header, so magic-byte checks accept them. */
public final class Media {

    private Media() {
    }

    public static byte[] mp4(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] header = {0x00, 0x00, 0x00, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
        System.arraycopy(header, 0, bytes, 0, Math.min(header.length, size));
        return bytes;
    }
}
