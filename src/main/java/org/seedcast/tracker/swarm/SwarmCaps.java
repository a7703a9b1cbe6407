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

    /** The caps' defaults, as {@code seedcast.tracker.*} documents them. */
    public static final SwarmCaps DEFAULTS = new SwarmCaps(100_000, 8, 1_000_000);

    public SwarmCaps withPerAddress(int ports) {
        return new SwarmCaps(perSwarm, ports, total);
    }
}
