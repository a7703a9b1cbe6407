package org.seedcast.publishing;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who signs the torrents.
 *
 * @param id       the publisher's reverse-DNS id, the certificate's subject CN ({@code SEEDCAST_PUBLISHER_ID});
 *                 defaults to the public URL's host reversed ({@code shows.example.com} → {@code com.example.shows})
 * @param keystore a PKCS#12 keystore holding the key and certificate; without one, a key is created under the data directory
 */
@ConfigurationProperties("seedcast.publisher")
record PublishingProperties(String id, Keystore keystore) {

    /**
     * @param path     {@code SEEDCAST_PUBLISHER_KEYSTORE_PATH}: the PKCS#12 file
     * @param password {@code SEEDCAST_PUBLISHER_KEYSTORE_PASSWORD}: the keystore's and the key's password
     * @param alias    {@code SEEDCAST_PUBLISHER_KEYSTORE_ALIAS}: the key's alias in it, {@code seedcast} when empty
     */
    record Keystore(Path path, String password, String alias) {

        /** Without the password: this record may end up in a log line or a failure report. */
        @Override
        public String toString() {
            return "Keystore[path=" + path + ", password=" + (password == null ? "(none)" : "(hidden)") + ", alias=" + alias + "]";
        }
    }
}
