package org.seedcast.seeder;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;

import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.SeedAddress;
import org.seedcast.storage.MediaStore;
import org.seedcast.tracker.Tracker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the plain-Java seed into the application. Only this class, the lifecycle and the event
 * listener know Spring; a peer connection never goes through a Spring bean.
 */
@Configuration(proxyBeanMethods = false)
class SeederConfiguration {

    @Bean
    SeedRegistry seedRegistry() {
        return new SeedRegistry();
    }

    @Bean
    SeederMetrics seederMetrics(ObjectProvider<MeterRegistry> registry, SeedRegistry torrents) {
        return new SeederMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), torrents::size);
    }

    @Bean
    Seed seed(SeedRegistry registry, SeederProperties settings, SeedTraffic traffic, SeederMetrics metrics) {
        return new Seed(registry, settings, traffic, metrics, System::nanoTime);
    }

    @Bean
    SeedServer seedServer(Seed seed, SeedAddress address, Tracker tracker) {
        return new SeedServer(seed, address.port(), tracker::isBanned);
    }

    @Bean
    Seeder seeder(SeedServer server, SeedRegistry registry) {
        return new Seeder(server, registry);
    }

    @Bean(destroyMethod = "close")
    PieceCache pieceCache(SeederProperties settings) {
        return new PieceCache(settings.pieceCache().toBytes());
    }

    @Bean
    Seeding seeding(SeedRegistry registry, Publishing publishing, MediaStore media, SeederProperties settings,
                    Clock clock, PieceCache pieces) {
        return new Seeding(registry, publishing, media::merkleLayers, settings, clock, pieces);
    }

    @Bean
    SeedLifecycle seedLifecycle(SeedAddress address, Seeding seeding, SeedServer server) {
        return new SeedLifecycle(address.enabled(), seeding, server);
    }

    @Bean
    SeedEventListener seedEventListener(Seeding seeding, SeedAddress address) {
        return new SeedEventListener(seeding, address.enabled());
    }
}
