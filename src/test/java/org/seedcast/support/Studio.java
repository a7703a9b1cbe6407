package org.seedcast.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;

/**
 * What an admin does before a test can look at the public side: create a show, upload an
 * episode, publish it — over the REST API, asserting each step so a failing set-up says where.
 */
public final class Studio {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-secret-1";

    private final Http admin;

    public Studio(int port) {
        this.admin = Http.at(port).as(ADMIN, ADMIN_PASSWORD);
    }

    /** The admin's HTTP client. */
    public Http admin() {
        return admin;
    }

    /** Creates a show titled "Show {slug}" with torrents of {@code format} ({@code v1} or {@code hybrid}). */
    public void show(String slug, String format) {
        showJson("{\"slug\":\"" + slug + "\",\"title\":\"Show " + slug + "\",\"torrentFormat\":\"" + format + "\"}");
    }

    /** Creates the show of {@code POST /api/shows}'s {@code json} unless {@code slug} exists (classes share one application). */
    public void showOnce(String slug, String json) {
        if (admin.get("/api/shows/" + slug).statusCode() == 404) {
            showJson(json);
        }
    }

    /** Creates a show from the JSON of {@code POST /api/shows}. */
    public void showJson(String json) {
        HttpResponse<String> show = admin.postJson("/api/shows", json);
        assertThat(show.statusCode()).as(show.body()).isEqualTo(201);
    }

    /** Uploads a draft episode (multipart) and returns its id. */
    public int upload(String slug, String title, byte[] content) {
        HttpResponse<String> created = admin.postMultipart("/api/shows/" + slug + "/episodes", title, slug + ".mp4", content);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.id");
    }

    /** Uploads and publishes an episode; returns the published episode's JSON. */
    public String publish(String slug, String title, byte[] content) {
        int id = upload(slug, title, content);
        HttpResponse<String> published = admin.postJson("/api/episodes/" + id + "/publish", "");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        return published.body();
    }

    /** A new v1 show with one published episode; returns the episode's JSON. */
    public String publishInNewShow(String slug, byte[] content) {
        show(slug, "v1");
        return publish(slug, "Episode of " + slug, content);
    }

    /** The path and query of an absolute URL, for a client that knows the host. */
    public static String local(String url) {
        return url.replaceFirst("^https?://[^/]+", "");
    }
}
