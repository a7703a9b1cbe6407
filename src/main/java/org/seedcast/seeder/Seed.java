package org.seedcast.seeder;

import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * What every peer connection shares: the torrents served, the settings, the upload limit over all
 * peers, the traffic counters and metrics, the seed's peer id and its clock. Plain Java, so a
 * connection can be tested on its own.
 */
final class Seed {

    /** Azureus-style peer id prefix: Seedcast ("SC"), version 0.1. */
    private static final String PEER_ID_PREFIX = "-SC0010-";

    private final SeedRegistry registry;
    private final SeederProperties settings;
    private final UploadLimit upload;
    private final SeedTraffic traffic;
    private final SeederMetrics metrics;
    private final byte[] peerId;
    private final LongSupplier nanoTime;

    Seed(SeedRegistry registry, SeederProperties settings, SeedTraffic traffic, SeederMetrics metrics,
         LongSupplier nanoTime) {
        this.registry = registry;
        this.settings = settings;
        this.upload = new UploadLimit(settings.uploadRate().toBytes());
        this.traffic = traffic;
        this.metrics = metrics;
        this.peerId = newPeerId();
        this.nanoTime = nanoTime;
    }

    private static byte[] newPeerId() {
        byte[] id = new byte[20];
        byte[] prefix = PEER_ID_PREFIX.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, id, 0, prefix.length);
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        SecureRandom random = new SecureRandom();
        for (int i = prefix.length; i < id.length; i++) {
            id[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return id;
    }

    SeedRegistry registry() {
        return registry;
    }

    SeederProperties settings() {
        return settings;
    }

    UploadLimit upload() {
        return upload;
    }

    SeedTraffic traffic() {
        return traffic;
    }

    SeederMetrics metrics() {
        return metrics;
    }

    byte[] peerId() {
        return peerId;
    }

    long nanoTime() {
        return nanoTime.getAsLong();
    }
}
