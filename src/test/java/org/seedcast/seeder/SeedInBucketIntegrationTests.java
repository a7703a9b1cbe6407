package org.seedcast.seeder;

import org.seedcast.support.S3IntegrationTest;

/** The seed's journeys with media in an S3 bucket (ranged GETs). */
@S3IntegrationTest
class SeedInBucketIntegrationTests extends SeedJourneys {
}
