package org.seedcast.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Passwords change, users are disabled and reset, and sessions signed in before that stop working at once (F-17). */
@IntegrationTest
class AccountLifecycleIntegrationTests {

    private static final AtomicInteger USERS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    Http admin() {
        return Http.at(port).as("admin", "admin-secret-1");
    }

    /** A new producer with this password; returns the username. */
    private String producer(String password) {
        String username = "lifecycle-" + USERS.incrementAndGet();
        HttpResponse<String> created = admin().postJson("/api/users",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"role\":\"producer\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    private long idOf(String username) {
        return accounts.findByUsername(username).orElseThrow().id();
    }

    @Test
    void changingThePasswordOnThePageRetiresTheOldOneAndOtherSessions() {
        String user = producer("first-password-1");
        PageSession elsewhere = PageSession.signIn(port, user, "first-password-1");
        PageSession session = PageSession.signIn(port, user, "first-password-1");
        assertThat(session.get("/account/password").statusCode()).isEqualTo(200);

        HttpResponse<String> wrongCurrent = session.post("/account/password",
                "currentPassword=not-the-password&newPassword=second-password-2&confirmPassword=second-password-2",
                "/account/password");
        assertThat(wrongCurrent.statusCode()).isEqualTo(200);
        assertThat(wrongCurrent.body()).contains("current password is wrong");

        HttpResponse<String> changed = session.post("/account/password",
                "currentPassword=first-password-1&newPassword=second-password-2&confirmPassword=second-password-2",
                "/account/password");
        assertThat(changed.statusCode()).isEqualTo(302);

        assertThat(PageSession.canSignIn(port, user, "first-password-1")).isFalse();
        assertThat(PageSession.canSignIn(port, user, "second-password-2")).isTrue();
        assertThat(Http.at(port).as(user, "first-password-1").get("/api/account").statusCode()).isEqualTo(401);
        assertThat(Http.at(port).as(user, "second-password-2").get("/api/account").statusCode()).isEqualTo(200);
        assertThat(session.get("/studio").statusCode()).as("the session that changed it stays signed in").isEqualTo(200);
        assertThat(elsewhere.get("/studio").statusCode()).as("other sessions are signed out").isEqualTo(302);
    }

    @Test
    void scriptsChangeThePasswordThroughTheApi() {
        String user = producer("script-password-1");

        HttpResponse<String> wrong = Http.at(port).as(user, "script-password-1").putJson("/api/account/password",
                "{\"currentPassword\":\"nope-nope-nope\",\"newPassword\":\"script-password-2\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        HttpResponse<String> changed = Http.at(port).as(user, "script-password-1").putJson("/api/account/password",
                "{\"currentPassword\":\"script-password-1\",\"newPassword\":\"script-password-2\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);

        assertThat(Http.at(port).as(user, "script-password-1").get("/api/account").statusCode()).isEqualTo(401);
        assertThat(Http.at(port).as(user, "script-password-2").get("/api/account").statusCode()).isEqualTo(200);
    }

    @Test
    void aNewPasswordMustBeLongUncommonAndNotTheUsername() {
        String user = producer("policy-password-1");
        Http http = Http.at(port).as(user, "policy-password-1");

        for (String weak : new String[] {"short-pw-1", user, user.toUpperCase() + "2024", "password1234", "123456789012",
                "aaaaaaaaaaaaaaaa", "é".repeat(37)}) {
            HttpResponse<String> refused = http.putJson("/api/account/password",
                    "{\"currentPassword\":\"policy-password-1\",\"newPassword\":\"" + weak + "\"}");
            assertThat(refused.statusCode()).as(weak).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(http.get("/api/account").statusCode()).as("the password is unchanged").isEqualTo(200);
        assertThat(admin().postJson("/api/users", "{\"username\":\"weakling\",\"password\":\"password1234\",\"role\":\"producer\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void disablingAUserBouncesTheirSessionAndRefusesTheirPassword() {
        String user = producer("disabled-password-1");
        PageSession session = PageSession.signIn(port, user, "disabled-password-1");
        assertThat(session.get("/studio").statusCode()).isEqualTo(200);
        PageSession adminPages = PageSession.signIn(port, "admin", "admin-secret-1");

        HttpResponse<String> disabled = adminPages.post("/admin/users/" + idOf(user) + "/disable", "", "/admin/users");
        assertThat(disabled.statusCode()).isEqualTo(302);

        HttpResponse<String> bounced = session.get("/studio");
        assertThat(bounced.statusCode()).isEqualTo(302);
        assertThat(bounced.headers().firstValue("Location").orElse("")).contains("/login");
        assertThat(Http.at(port).as(user, "disabled-password-1").get("/api/account").statusCode()).isEqualTo(401);
        assertThat(PageSession.canSignIn(port, user, "disabled-password-1")).isFalse();

        assertThat(adminPages.post("/admin/users/" + idOf(user) + "/enable", "", "/admin/users").statusCode()).isEqualTo(302);
        assertThat(session.get("/studio").statusCode()).as("enabling again does not revive old sessions").isEqualTo(302);
        assertThat(PageSession.signIn(port, user, "disabled-password-1").get("/studio").statusCode()).isEqualTo(200);
    }

    @Test
    void theApiDisablesAndEnablesUsersButNotTheAdminThemself() {
        String user = producer("api-disabled-1");
        long id = idOf(user);

        assertThat(admin().postJson("/api/users/" + id + "/disable", "").statusCode()).isEqualTo(200);
        assertThat(Http.at(port).as(user, "api-disabled-1").get("/api/account").statusCode()).isEqualTo(401);
        assertThat(admin().postJson("/api/users/" + id + "/enable", "").statusCode()).isEqualTo(200);
        assertThat(Http.at(port).as(user, "api-disabled-1").get("/api/account").statusCode()).isEqualTo(200);

        assertThat(admin().postJson("/api/users/" + idOf("admin") + "/disable", "").statusCode()).isEqualTo(400);
        assertThat(admin().postJson("/api/users/999999/disable", "").statusCode()).isEqualTo(404);
        assertThat(Http.at(port).as(user, "api-disabled-1").postJson("/api/users/" + id + "/disable", "").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aResetPasswordRevokesSessionsAndMustBeChangedAtSignIn() {
        String user = producer("reset-password-1");
        PageSession session = PageSession.signIn(port, user, "reset-password-1");

        HttpResponse<String> reset = admin().postJson("/api/users/" + idOf(user) + "/password-reset", "");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        String temporary = JsonPath.read(reset.body(), "$.temporaryPassword");

        assertThat(session.get("/studio").statusCode()).as("the old session is signed out").isEqualTo(302);
        assertThat(PageSession.canSignIn(port, user, "reset-password-1")).isFalse();
        assertMustChangePassword(user, temporary);

        HttpResponse<String> changed = Http.at(port).as(user, temporary).putJson("/api/account/password",
                "{\"currentPassword\":\"" + temporary + "\",\"newPassword\":\"reset-password-2\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(Http.at(port).as(user, "reset-password-2").get("/api/account").statusCode()).isEqualTo(200);
        assertThat(PageSession.signIn(port, user, "reset-password-2").get("/studio").statusCode()).isEqualTo(200);
    }

    @Test
    void theResetPageShowsTheTemporaryPasswordOnce() {
        String user = producer("page-reset-1");
        PageSession adminPages = PageSession.signIn(port, "admin", "admin-secret-1");

        HttpResponse<String> reset = adminPages.post("/admin/users/" + idOf(user) + "/password-reset", "", "/admin/users");
        assertThat(reset.statusCode()).isEqualTo(302);
        String page = adminPages.get("/admin/users").body();
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile("temporary password for " + user
                + " is <code[^>]*>([^<]+)</code>").matcher(page);
        assertThat(shown.find()).as(page).isTrue();
        assertThat(adminPages.get("/admin/users").body()).doesNotContain(shown.group(1));

        assertMustChangePassword(user, shown.group(1));
    }

    @Test
    void aGeneratedFirstAdminPasswordMustBeChangedAtFirstSignIn() {
        String password = new FirstAdmin(accounts, new AccountsProperties("first-admin-" + USERS.incrementAndGet(), null))
                .createFirstAdmin();
        String username = "first-admin-" + USERS.get();

        PageSession session = assertMustChangePassword(username, password);
        HttpResponse<String> changed = session.post("/account/password",
                "currentPassword=" + PageSession.encode(password)
                        + "&newPassword=my-own-admin-pass&confirmPassword=my-own-admin-pass", "/account/password");
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(session.get("/admin").statusCode()).isEqualTo(200);
    }

    @Test
    void aConfiguredFirstAdminPasswordNeedsNoChange() {
        String username = "configured-admin-" + USERS.incrementAndGet();
        new FirstAdmin(accounts, new AccountsProperties(username, "configured-admin-pw")).createFirstAdmin();

        assertThat(PageSession.signIn(port, username, "configured-admin-pw").get("/admin").statusCode()).isEqualTo(200);
    }

    @Test
    void everyAccountFormNeedsItsCsrfToken() {
        String user = producer("csrf-password-1");
        long id = idOf(user);
        PageSession session = PageSession.signIn(port, user, "csrf-password-1");
        PageSession adminPages = PageSession.signIn(port, "admin", "admin-secret-1");

        assertThat(session.postWithoutToken("/account/password",
                "currentPassword=csrf-password-1&newPassword=forged-password-2&confirmPassword=forged-password-2")
                .statusCode()).isEqualTo(403);
        assertThat(adminPages.postWithoutToken("/admin/users/" + id + "/disable", "").statusCode()).isEqualTo(403);
        assertThat(adminPages.postWithoutToken("/admin/users/" + id + "/password-reset", "").statusCode()).isEqualTo(403);
        assertThat(adminPages.postWithoutToken("/admin/users/" + id + "/enable", "").statusCode()).isEqualTo(403);

        assertThat(session.get("/studio").statusCode()).as("nothing was changed").isEqualTo(200);
        assertThat(PageSession.canSignIn(port, user, "csrf-password-1")).isTrue();
    }

    /** Pages lead to the change-password page, the API refuses with a problem saying why; returns the signed-in session. */
    private PageSession assertMustChangePassword(String username, String password) {
        PageSession session = PageSession.signIn(port, username, password);
        for (String page : new String[] {"/studio", "/", "/admin"}) {
            HttpResponse<String> redirected = session.get(page);
            assertThat(redirected.statusCode()).as(page).isEqualTo(302);
            assertThat(redirected.headers().firstValue("Location").orElse("")).endsWith("/account/password");
        }
        assertThat(session.get("/account/password").statusCode()).isEqualTo(200);
        assertThat(session.get("/css/seedcast.css").statusCode()).as("static assets still load").isEqualTo(200);

        HttpResponse<String> api = Http.at(port).as(username, password).get("/api/account");
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.body()).contains("change your password");
        return session;
    }
}
