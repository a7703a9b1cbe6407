package org.seedcast.storage;

import org.seedcast.support.S3IntegrationTest;

/** The tus journeys with media and upload segments in an S3 bucket. */
@S3IntegrationTest
class TusUploadInBucketIntegrationTests extends TusUploadJourneys {
}
