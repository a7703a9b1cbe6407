package org.seedcast.tracker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpHeadTests {

    private static byte[] bytes;

    private static HttpHead parse(String head) {
        bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return HttpHead.parse(bytes, bytes.length);
    }

    private static String text(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    @Test
    void locatesPathAndQuery() {
        HttpHead h = parse("GET /announce?info_hash=%00x&port=1 HTTP/1.1\r\nHost: t\r\n\r\n");
        assertThat(h.get).isTrue();
        assertThat(h.path).isEqualTo(HttpHead.Path.ANNOUNCE);
        assertThat(text(h.queryFrom, h.queryTo)).isEqualTo("info_hash=%00x&port=1");
        assertThat(h.keepAlive).isTrue();
        assertThat(h.forwardedFrom).isEqualTo(-1);
    }

    @Test
    void http10ClosesUnlessAskedAndHttp11KeepsUnlessTold() {
        assertThat(parse("GET /scrape?x HTTP/1.0\r\n\r\n").keepAlive).isFalse();
        assertThat(parse("GET /scrape?x HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive).isTrue();
        assertThat(parse("GET /scrape HTTP/1.1\r\nconnection: close \r\n\r\n").keepAlive).isFalse();
        assertThat(parse("GET /scrape HTTP/1.1\r\n\r\n").path).isEqualTo(HttpHead.Path.SCRAPE);
    }

    @Test
    void findsForwardedForAndOtherPaths() {
        HttpHead h = parse("GET /favicon.ico HTTP/1.1\r\nX-Forwarded-For:  203.0.113.9, 10.0.0.1 \r\n\r\n");
        assertThat(h.path).isEqualTo(HttpHead.Path.OTHER);
        assertThat(text(h.forwardedFrom, h.forwardedTo)).isEqualTo("203.0.113.9, 10.0.0.1");
        assertThat(parse("POST /announce HTTP/1.1\r\n\r\n").get).isFalse();
        assertThat(parse("GET /announce/ HTTP/1.1\r\n\r\n").path).isEqualTo(HttpHead.Path.OTHER);
    }

    @Test
    void refusesMalformedRequestLines() {
        assertThatThrownBy(() -> parse("GET\r\n\r\n")).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> parse("GET /announce\r\n\r\n")).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> parse("GET /announce SPDY/3\r\n\r\n")).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> parse("\u0016\u0003\u0001 garbage\r\n\r\n")).isInstanceOf(BadRequest.class);
    }
}
