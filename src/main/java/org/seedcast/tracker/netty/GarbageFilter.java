package org.seedcast.tracker.netty;

import io.netty.channel.Channel;
import io.netty.channel.unix.Buffer;
import io.netty.channel.unix.RawUnixChannelOption;
import java.nio.ByteBuffer;
import org.seedcast.tracker.protocol.UdpCodec;

/**
 * A classic BPF socket filter ({@code SO_ATTACH_FILTER}, Linux) on the tracker's UDP sockets. In
 * the kernel, before a datagram is queued, it drops what the tracker would drop unanswered anyway
 * and can recognise without its connection-id key: a datagram shorter than a BEP 15 header, and a
 * connect request without the protocol's magic number. Garbage sent as fast as a machine can send
 * it, often from a victim's address, then costs no copy to user space and no turn of an event loop;
 * anything shaped like a request still reaches the engine, which checks its connection id.
 * The kernel counts the datagrams it drops here among the socket's drops ({@code /proc/net/udp}).
 *
 * @see <a href="https://www.kernel.org/doc/html/latest/networking/filter.html">Linux socket filtering</a>
 */
final class GarbageFilter {

    /** {@code struct sock_fprog} on a 64-bit kernel: the length, padding, a pointer to the program. */
    private static final int FPROG_SIZE = 16;
    private static final RawUnixChannelOption ATTACH =
            new RawUnixChannelOption("SO_ATTACH_FILTER", LinuxAbi.SOL_SOCKET, LinuxAbi.SO_ATTACH_FILTER, FPROG_SIZE);

    // classic BPF: BPF_LD|BPF_W|BPF_LEN, BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JGE|BPF_K, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K
    private static final short LOAD_LENGTH = 0x80;
    private static final short LOAD_WORD = 0x20;
    private static final short JUMP_IF_AT_LEAST = 0x35;
    private static final short JUMP_IF_EQUAL = 0x15;
    private static final short RETURN = 0x06;

    /** A UDP socket's filter sees the datagram from its UDP header on; the BEP 15 packet follows it. */
    private static final int UDP_HEADER = 8;
    private static final int ACCEPT = 8;
    private static final int DROP = 9;

    /** Each row: code, jump if true, jump if false (counted from the next instruction), constant. */
    private static final int[][] PROGRAM = {
            /* 0 */ {LOAD_LENGTH, 0, 0, 0},
            /* 1 */ {JUMP_IF_AT_LEAST, 0, DROP - 2, UDP_HEADER + UdpCodec.HEAD},
            /* 2 */ {LOAD_WORD, 0, 0, UDP_HEADER + 8}, // action
            /* 3 */ {JUMP_IF_EQUAL, 0, ACCEPT - 4, UdpCodec.CONNECT},
            /* 4 */ {LOAD_WORD, 0, 0, UDP_HEADER}, // a connect's magic number, high word
            /* 5 */ {JUMP_IF_EQUAL, 0, DROP - 6, (int) (UdpCodec.PROTOCOL_ID >>> 32)},
            /* 6 */ {LOAD_WORD, 0, 0, UDP_HEADER + 4}, // low word
            /* 7 */ {JUMP_IF_EQUAL, ACCEPT - 8, DROP - 8, (int) UdpCodec.PROTOCOL_ID},
            /* 8 */ {RETURN, 0, 0, -1},
            /* 9 */ {RETURN, 0, 0, 0},
    };

    private GarbageFilter() {
    }

    /**
     * Attaches the filter to an epoll datagram channel.
     *
     * @return false where the kernel or the channel does not take it: the engine then drops the same
     *         datagrams itself, at a higher cost
     */
    static boolean attach(Channel udp) {
        if (Buffer.addressSize() != 8) {
            return false;
        }
        ByteBuffer program = Buffer.allocateDirectWithNativeOrder(PROGRAM.length * 8);
        for (int[] instruction : PROGRAM) {
            program.putShort((short) instruction[0]).put((byte) instruction[1]).put((byte) instruction[2])
                    .putInt(instruction[3]);
        }
        ByteBuffer fprog = Buffer.allocateDirectWithNativeOrder(FPROG_SIZE);
        fprog.putShort(0, (short) PROGRAM.length).putLong(8, Buffer.memoryAddress(program));
        try {
            return udp.config().setOption(ATTACH, fprog); // the kernel copies the program
        } catch (RuntimeException e) {
            return false;
        }
    }
}
