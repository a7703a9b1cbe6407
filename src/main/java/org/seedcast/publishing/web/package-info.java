/**
 * The published torrents on the web: {@code /torrents/{infoHash}.torrent}, the publisher
 * certificate at {@code /.well-known/seedcast/publisher.pem}, and the {@code /verify} page.
 */
package org.seedcast.publishing.web;
