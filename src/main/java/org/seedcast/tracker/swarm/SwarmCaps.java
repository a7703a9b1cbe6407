package org.seedcast.tracker.swarm;

/**
 * How many peers the store holds, so a flood cannot grow the heap without bound. A new peer beyond
 * a cap is answered as usual but not added ({@link Roster}).
 *
 * @param perSwarm   peers per swarm, both families
 * @param perAddress peers (ports) per address per swarm; IPv6 per /64
 * @param total      peers in all swarms together, which bounds the heap they take
 */
public record SwarmCaps(int perSwarm, int perAddress, int total) {

    /** The defaults of {@code seedcast.tracker.max-peers-per-swarm}, {@code …-ports-per-address}, {@code …-peers-total}. */
    public static final int PER_SWARM = 100_000;
    public static final int PER_ADDRESS = 8;
    public static final int TOTAL = 1_000_000;
    public static final SwarmCaps DEFAULTS = new SwarmCaps(PER_SWARM, PER_ADDRESS, TOTAL);

    public SwarmCaps withPerAddress(int ports) {
        return new SwarmCaps(perSwarm, ports, total);
    }
}
