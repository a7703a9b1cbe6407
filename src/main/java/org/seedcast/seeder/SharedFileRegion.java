package org.seedcast.seeder;

import io.netty.channel.DefaultFileRegion;
import java.nio.channels.FileChannel;

/**
 * A block of the media file sent with {@code sendfile}: a {@link DefaultFileRegion} (epoll and NIO
 * send only that class zero-copy) that leaves the file open when it is released, because every
 * block of every peer of the torrent is read through the same channel ({@link SeededTorrent}).
 */
final class SharedFileRegion extends DefaultFileRegion {

    SharedFileRegion(FileChannel file, long position, long count) {
        super(file, position, count);
    }

    @Override
    protected void deallocate() {
        // the torrent owns the channel and closes it when withdrawn
    }
}
