package org.seedcast.seeder;

import org.seedcast.support.IntegrationTest;

/** The seed's journeys with media on this node's disk (zero-copy sends). */
@IntegrationTest
class SeedIntegrationTests extends SeedJourneys {
}
