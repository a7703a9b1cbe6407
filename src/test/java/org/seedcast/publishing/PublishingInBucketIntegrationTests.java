package org.seedcast.publishing;

import org.seedcast.support.S3IntegrationTest;

/** Publishing with media in an S3 bucket: hashes read back from it, the web seed serving aria2 from it. */
@S3IntegrationTest
class PublishingInBucketIntegrationTests extends PublishingJourneys {
}
