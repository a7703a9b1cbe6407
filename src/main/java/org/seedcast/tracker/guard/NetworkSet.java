package org.seedcast.tracker.guard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.seedcast.tracker.protocol.Endpoint;

/**
 * An immutable set of IPv4 and IPv6 networks, as sorted disjoint address ranges searched by
 * bisection: a lookup is O(log n) over primitive arrays and takes no lock. Built aside and swapped
 * in whole by its owner, like the access list.
 */
public final class NetworkSet {

    public static final NetworkSet EMPTY = of(List.of());

    private final List<Cidr> networks;
    private final long[] v4First, v4Last;
    private final long[] v6FirstHigh, v6FirstLow, v6LastHigh, v6LastLow;

    private NetworkSet(List<Cidr> networks, long[][] v4, long[][] v6) {
        this.networks = networks;
        this.v4First = v4[0];
        this.v4Last = v4[1];
        this.v6FirstHigh = v6[0];
        this.v6FirstLow = v6[1];
        this.v6LastHigh = v6[2];
        this.v6LastLow = v6[3];
    }

    public static NetworkSet of(Collection<Cidr> cidrs) {
        List<Cidr> all = List.copyOf(cidrs);
        List<Cidr> v4 = merged(all.stream().filter(c -> !c.ipv6()).toList());
        List<Cidr> v6 = merged(all.stream().filter(Cidr::ipv6).toList());
        long[][] four = new long[2][v4.size()];
        for (int i = 0; i < v4.size(); i++) {
            four[0][i] = v4.get(i).firstLow();
            four[1][i] = v4.get(i).lastLow();
        }
        long[][] six = new long[4][v6.size()];
        for (int i = 0; i < v6.size(); i++) {
            six[0][i] = v6.get(i).firstHigh();
            six[1][i] = v6.get(i).firstLow();
            six[2][i] = v6.get(i).lastHigh();
            six[3][i] = v6.get(i).lastLow();
        }
        return new NetworkSet(all, four, six);
    }

    /** Parses comma-separated or listed addresses and CIDRs, ignoring blanks. */
    public static NetworkSet parse(Collection<String> texts) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String text : texts) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    cidrs.add(Cidr.parse(part));
                }
            }
        }
        return of(cidrs);
    }

    public NetworkSet with(Cidr cidr) {
        List<Cidr> next = new ArrayList<>(networks);
        next.removeIf(c -> c.text().equals(cidr.text()));
        next.add(cidr);
        return of(next);
    }

    public NetworkSet without(Cidr cidr) {
        List<Cidr> next = new ArrayList<>(networks);
        next.removeIf(c -> c.text().equals(cidr.text()));
        return of(next);
    }

    public List<Cidr> networks() {
        return networks;
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    public boolean contains(Endpoint address) {
        if (address.ipv6()) {
            return containsV6(address.high(), address.low());
        }
        return containsV4(address.low());
    }

    private boolean containsV4(long address) {
        int lo = 0, hi = v4First.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (address < v4First[mid]) {
                hi = mid - 1;
            } else if (address > v4Last[mid]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private boolean containsV6(long high, long low) {
        int lo = 0, hi = v6FirstHigh.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(high, low, v6FirstHigh[mid], v6FirstLow[mid]) < 0) {
                hi = mid - 1;
            } else if (compare(high, low, v6LastHigh[mid], v6LastLow[mid]) > 0) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int c = Long.compareUnsigned(aHigh, bHigh);
        return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
    }

    /** Sorted by first address, overlapping networks (CIDRs nest or are disjoint) folded together. */
    private static List<Cidr> merged(List<Cidr> cidrs) {
        List<Cidr> sorted = new ArrayList<>(cidrs);
        sorted.sort(Comparator.<Cidr, Long>comparing(Cidr::firstHigh, Long::compareUnsigned)
                .thenComparing(Cidr::firstLow, Long::compareUnsigned));
        List<Cidr> out = new ArrayList<>();
        for (Cidr c : sorted) {
            Cidr last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && compare(c.firstHigh(), c.firstLow(), last.lastHigh(), last.lastLow()) <= 0) {
                if (compare(c.lastHigh(), c.lastLow(), last.lastHigh(), last.lastLow()) > 0) {
                    out.set(out.size() - 1, new Cidr(last.text(), last.ipv6(), last.firstHigh(),
                            last.firstLow(), c.lastHigh(), c.lastLow()));
                }
            } else {
                out.add(c);
            }
        }
        return out;
    }
}
