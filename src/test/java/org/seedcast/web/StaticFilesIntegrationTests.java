package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.PageClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;

/**
 * Static files come from the application's {@code static/} directory and the web jars' directories
 * alone ({@link StaticFiles}); nothing else on the class path is served, and a miss is a plain 404.
 * Pages link to them by names that carry their content's hash, which browsers may keep.
 */
@IntegrationTest
class StaticFilesIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theStylesheetScriptsImagesAndWebJarsAreServed() {
        PageClient fan = PageClient.from(port, "127.0.0.41");
        HttpResponse<String> css = fan.get("/css/seedcast.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.body()).contains(".site-header");
        assertThat(css.headers().firstValue("Last-Modified")).as("conditional requests still work").isPresent();
        HttpResponse<String> again = fan.get("/css/seedcast.css", "If-Modified-Since", css.headers().firstValue("Last-Modified").orElseThrow());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(fan.get("/js/charts.js").statusCode()).isEqualTo(200);
        assertThat(fan.get("/img/logo.svg").statusCode()).isEqualTo(200);
        HttpResponse<String> uplot = fan.get("/webjars/uplot/1.6.30/dist/uPlot.min.css");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains(".uplot");
    }

    @Test
    void pagesLinkVersionedNamesThatBrowsersKeep() {
        PageClient fan = PageClient.from(port, "127.0.0.43");
        HttpResponse<String> home = fan.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(fan.get("/no-such-page", "Accept", "text/html").body()).as("error pages link the same names")
                .containsPattern("/css/seedcast-[0-9a-f]{32}\\.css");
        assertThat(home.body()).as("no plain names left in the page")
                .doesNotContain("href=\"/css/seedcast.css\"").doesNotContain("src=\"/img/logo.svg\"");
        Matcher css = Pattern.compile("href=\"(/css/seedcast-([0-9a-f]{32})\\.css)\"").matcher(home.body());
        assertThat(css.find()).as("the stylesheet's versioned link in %s", home.body()).isTrue();
        HttpResponse<String> versioned = fan.get(css.group(1));
        assertThat(versioned.statusCode()).isEqualTo(200);
        assertThat(versioned.body()).isEqualTo(fan.get("/css/seedcast.css").body());
        assertThat(versioned.headers().allValues("Cache-Control")).as("kept a year, not Spring Security's no-store")
                .containsExactly("max-age=31536000, public");
        String wrongHash = css.group(1).replace(css.group(2), "0".repeat(32));
        HttpResponse<String> stale = fan.get(wrongHash);
        assertThat(stale.statusCode()).as("a name whose hash is not the content's").isEqualTo(404);
        assertThat(stale.headers().firstValue("Cache-Control")).as("a 404 is not kept")
                .hasValueSatisfying(c -> assertThat(c).doesNotContain("max-age=31536000"));
    }

    @Test
    void onlyTheStaticDirectoriesAreServedNotTheRestOfTheClassPath() {
        PageClient fan = PageClient.from(port, "127.0.0.42");
        // src/test/resources puts both on the class path: Boot's own mapping served them from its
        // META-INF/resources/ and public/ locations
        assertThat(fan.get("/elsewhere-on-the-class-path.txt").statusCode()).isEqualTo(404);
        assertThat(fan.get("/webjars/../elsewhere-on-the-class-path.txt").statusCode()).isNotEqualTo(200);
        assertThat(fan.get("/application.properties").statusCode()).isEqualTo(404);
        assertThat(fan.get("/css/../application.properties").statusCode()).isNotEqualTo(200);
        assertThat(fan.get("/org/seedcast/web/StaticFiles.class").statusCode()).isEqualTo(404);
        HttpResponse<String> miss = fan.get("/css/no-such-file.css");
        assertThat(miss.statusCode()).isEqualTo(404);
        assertThat(miss.body()).doesNotContain("Exception");
    }

    @Test
    void eachDirectoryIsFoundOnceAtStart() throws Exception {
        Resource[] roots = StaticFiles.directories("static/");
        assertThat(roots).hasSize(1);
        assertThat(roots[0].createRelative("css/seedcast.css").exists()).isTrue();
        assertThat(StaticFiles.directories("META-INF/resources/webjars/")).hasSize(1);
        assertThat(StaticFiles.directories("no-such-directory/")).isEmpty();
    }
}
