package org.seedcast.tracker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionIdsTests {

    private final AtomicLong now = new AtomicLong(1_700_000_000L);
    private final ConnectionIds ids = new ConnectionIds(1, 2, 300, now::get);
    private final Endpoint client = Endpoint.ipv4(0x7F000001, 40000);

    @Test
    void anIdIsValidForItsAddressFromAnyPortAndForNoOtherAddress() {
        long id = ids.issue(client);
        assertThat(ids.valid(id, client)).isTrue();
        // libtorrent shares ids between its sessions, each on its own port (opentracker: address only)
        assertThat(ids.valid(id, client.withPort(40001))).isTrue();
        assertThat(ids.valid(id, Endpoint.ipv4(0x7F000002, 40000))).isFalse();
        assertThat(ids.valid(id ^ 1, client)).isFalse();
        assertThat(ids.valid(UdpCodec.PROTOCOL_ID, client)).isFalse();
    }

    @Test
    void anIdIsAcceptedForFiveMinutesAtLeastTwo() {
        long id = ids.issue(client);
        now.addAndGet(120);
        assertThat(ids.valid(id, client)).isTrue();
        now.addAndGet(180);
        assertThat(ids.valid(id, client)).isTrue();
        now.addAndGet(1);
        assertThat(ids.valid(id, client)).isFalse();
    }

    @Test
    void anIdFromTheFutureIsRefusedBeyondClockSkew() {
        long id = ids.issue(client);
        now.addAndGet(-11);
        assertThat(ids.valid(id, client)).isFalse();
    }

    @Test
    void anotherKeyMakesOtherIds() {
        ConnectionIds other = new ConnectionIds(3, 4, 300, now::get);
        assertThat(other.valid(ids.issue(client), client)).isFalse();
    }

    @Test
    void ipv6AddressesAreCoveredWhole() {
        Endpoint a = new Endpoint(true, 0x20010db800000000L, 1, 6881);
        Endpoint b = new Endpoint(true, 0x20010db800000000L, 2, 6881);
        assertThat(ids.valid(ids.issue(a), a)).isTrue();
        assertThat(ids.valid(ids.issue(a), b)).isFalse();
    }

    @Test
    void sipHashMatchesTheReferenceVector() {
        // Reference key 00..0f and message 00..17 (24 bytes) as little-endian words; the expected
        // value is vectors[24] of the reference implementation, read as a little-endian u64.
        long k0 = 0x0706050403020100L, k1 = 0x0F0E0D0C0B0A0908L;
        long m0 = 0x0706050403020100L, m1 = 0x0F0E0D0C0B0A0908L, m2 = 0x1716151413121110L;
        assertThat(SipHash.hash(k0, k1, m0, m1, m2)).isEqualTo(0xb8ad50c6f649af94L);
    }

    @Test
    void aPersistentKeyKeepsIdsValidAcrossARestartAndIsReadableByItsOwnerOnly(@TempDir Path data) throws Exception {
        Path keyFile = data.resolve("tracker").resolve("connection-id.key");
        long id = ConnectionIds.persistent(keyFile, 300).issue(client);

        assertThat(ConnectionIds.persistent(keyFile, 300).valid(id, client)).as("after a restart").isTrue();
        assertThat(Files.size(keyFile)).isEqualTo(16);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(ConnectionIds.persistent(data.resolve("other.key"), 300).valid(id, client)).as("another key").isFalse();
    }

    @Test
    void aDamagedKeyFileIsNotReplacedSilently(@TempDir Path data) throws Exception {
        Path keyFile = data.resolve("connection-id.key");
        Files.write(keyFile, new byte[5]);
        assertThatThrownBy(() -> ConnectionIds.persistent(keyFile, 300)).isInstanceOf(IOException.class)
                .hasMessageContaining("5 bytes");
    }
}
