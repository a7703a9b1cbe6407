package org.seedcast.tracker.netty;

/**
 * The Linux ABI the tracker speaks to the kernel directly ({@link RingHttpListener},
 * {@link GarbageFilter}): io_uring opcodes ({@code include/uapi/linux/io_uring.h}), socket levels,
 * options, flags and address families ({@code asm-generic/socket.h}, {@code socket.h}), and the error
 * numbers it tells apart ({@code asm-generic/errno-base.h}, {@code errno.h}). The values are those
 * of the generic headers, which x86_64 and arm64 both use.
 */
final class LinuxAbi {

    static final byte OP_ACCEPT = 13;
    static final byte OP_ASYNC_CANCEL = 14;
    static final byte OP_SEND = 26;
    static final byte OP_RECV = 27;

    static final int SOL_SOCKET = 1;
    static final int SO_ATTACH_FILTER = 26;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int MSG_MORE = 0x8000;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int EPERM = 1;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EPROTO = 71;
    static final int ECONNABORTED = 103;

    private LinuxAbi() {
    }
}
