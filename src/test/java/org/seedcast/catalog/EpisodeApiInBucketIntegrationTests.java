package org.seedcast.catalog;

import org.seedcast.support.S3IntegrationTest;

/** The API flow with media in an S3 bucket: the web seed's ranges, 304, 416 and HEAD answered from it. */
@S3IntegrationTest
class EpisodeApiInBucketIntegrationTests extends EpisodeApiJourneys {
}
