package org.seedcast.tracker.netty;

import io.netty.channel.unix.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.seedcast.tracker.protocol.Endpoint;

/**
 * The native memory of {@link RingHttpListener}'s connection slots and the list of free ones.
 * Slots come in blocks of {@value #BLOCK} (about 1.8 MB each), allocated as connections need them
 * and kept. A slot holds the peer's address as {@code accept} writes it, then the request as
 * {@code recv} writes it, then the answer {@code send} reads.
 */
final class SlotMemory {

    static final int BLOCK = 256;

    private static final int SOCKADDR = 0;
    private static final int SOCKADDR_SIZE = 128; // sockaddr_storage
    private static final int SOCKADDR_LENGTH = SOCKADDR + SOCKADDR_SIZE;
    static final int REQUEST = SOCKADDR_LENGTH + 8;
    /** A head may take {@link Scratch#MAX_HEAD} bytes; the room beyond holds the start of a pipelined one. */
    static final int REQUEST_SIZE = Scratch.MAX_HEAD + 1024;
    static final int ANSWER = REQUEST + REQUEST_SIZE;
    /** A compact answer takes a few hundred bytes; larger ones get a pooled buffer of their own. */
    static final int ANSWER_SIZE = 2048;
    private static final int SLOT_BYTES = ANSWER + ANSWER_SIZE;

    private final ByteBuffer[] blocks;
    private final long[] addresses;
    private final int[] free;
    private int freeCount;
    private int blockCount;

    SlotMemory(int maxSlots) {
        blocks = new ByteBuffer[maxSlots / BLOCK];
        addresses = new long[maxSlots / BLOCK];
        free = new int[maxSlots];
    }

    /** A free slot, allocating a block when none is left; -1 when every slot is taken. */
    int take() {
        if (freeCount == 0) {
            if (blockCount == blocks.length) {
                return -1;
            }
            ByteBuffer block = Buffer.allocateDirectWithNativeOrder(BLOCK * SLOT_BYTES);
            blocks[blockCount] = block;
            addresses[blockCount] = Buffer.memoryAddress(block);
            for (int i = BLOCK - 1; i >= 0; i--) {
                free[freeCount++] = blockCount * BLOCK + i;
            }
            blockCount++;
        }
        return free[--freeCount];
    }

    void release(int slot) {
        free[freeCount++] = slot;
    }

    /** Slots allocated so far: every slot in use is below this. */
    int allocated() {
        return blockCount * BLOCK;
    }

    /** The block holding the slot, in native byte order; the slot starts at {@link #offset}. */
    ByteBuffer block(int slot) {
        return blocks[slot / BLOCK];
    }

    static int offset(int slot) {
        return (slot % BLOCK) * SLOT_BYTES;
    }

    /** The native address of the slot's byte at {@code at} (such as {@link #REQUEST}). */
    long address(int slot, int at) {
        return addresses[slot / BLOCK] + offset(slot) + at;
    }

    /** Readies the slot for {@code accept}: the room for the peer's address, and its length. */
    void prepareAccept(int slot) {
        block(slot).putInt(offset(slot) + SOCKADDR_LENGTH, SOCKADDR_SIZE);
    }

    long acceptAddress(int slot) {
        return address(slot, SOCKADDR);
    }

    long acceptLengthAddress(int slot) {
        return address(slot, SOCKADDR_LENGTH);
    }

    /** The peer's address as accept wrote it; null for a family other than IPv4 and IPv6. */
    Endpoint peer(int slot) {
        ByteBuffer block = block(slot);
        int base = offset(slot) + SOCKADDR;
        int family = block.getShort(base) & 0xFFFF; // sa_family: host order, as the block is
        int port = (block.get(base + 2) & 0xFF) << 8 | (block.get(base + 3) & 0xFF); // network order
        if (family == LinuxAbi.AF_INET) {
            return Endpoint.ipv4(networkInt(block, base + 4), port);
        }
        if (family == LinuxAbi.AF_INET6) {
            long high = (long) networkInt(block, base + 8) << 32 | networkInt(block, base + 12) & 0xFFFF_FFFFL;
            long low = (long) networkInt(block, base + 16) << 32 | networkInt(block, base + 20) & 0xFFFF_FFFFL;
            return Endpoint.ipv6(high, low, port);
        }
        return null;
    }

    private static int networkInt(ByteBuffer block, int index) {
        int value = block.getInt(index);
        return block.order() == ByteOrder.BIG_ENDIAN ? value : Integer.reverseBytes(value);
    }
}
