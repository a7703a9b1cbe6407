package org.seedcast.seeder.clients;

import java.util.List;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.support.ExternalPostgres;
import org.seedcast.support.S3Proxy;

/** The magnet fans' journeys with media in an S3 bucket: every piece and block hash the seed sends is read from it. */
@BesideTheSuite
@ResourceLock(value = ExternalPostgres.LOCK, mode = ResourceAccessMode.READ)
class MagnetFansInBucketIntegrationTests extends MagnetFansJourneys {

    @Override
    List<String> storage() {
        return S3Proxy.settings(S3Proxy.bucket("magnet-fans"));
    }
}
