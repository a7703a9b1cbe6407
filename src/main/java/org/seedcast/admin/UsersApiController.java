package org.seedcast.admin;

import java.io.Serializable;
import java.util.List;

import org.seedcast.accounts.AccountView;
import org.seedcast.accounts.Accounts;
import org.seedcast.accounts.NoSuchAccountException;
import org.seedcast.accounts.SeedcastUser;
import org.seedcast.admin.UsersController.UserResource;
import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.ShowView;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Scripts disable and enable users and reset their passwords; errors are problem details. */
@RestController
class UsersApiController {

    private final Accounts accounts;
    private final Catalog catalog;

    UsersApiController(Accounts accounts, Catalog catalog) {
        this.accounts = accounts;
        this.catalog = catalog;
    }

    @PostMapping("/api/users/{id}/disable")
    UserResource disable(@PathVariable long id, @AuthenticationPrincipal SeedcastUser admin) {
        return resource(accounts.disable(id, admin));
    }

    @PostMapping("/api/users/{id}/enable")
    UserResource enable(@PathVariable long id, @AuthenticationPrincipal SeedcastUser admin) {
        return resource(accounts.enable(id, admin));
    }

    @PostMapping("/api/users/{id}/password-reset")
    PasswordReset resetPassword(@PathVariable long id, @AuthenticationPrincipal SeedcastUser admin) {
        AccountView account = accounts.find(id).orElseThrow(() -> new NoSuchAccountException(id));
        return new PasswordReset(account.username(), accounts.resetPassword(id, admin));
    }

    private UserResource resource(AccountView account) {
        List<String> shows = catalog.allShows().stream().filter(show -> show.producerIds().contains(account.id()))
                .map(ShowView::slug).toList();
        return new UserResource(account.id(), account.username(), account.role().name().toLowerCase(), shows,
                account.enabled(), account.mustChangePassword());
    }

    /**
     * A generated password an admin hands to the user, who must change it at the next sign-in.
     * Serializable: the users page takes it from a flash attribute, which sessions in PostgreSQL
     * store serialized.
     */
    record PasswordReset(String username, String temporaryPassword) implements Serializable {

        @Override
        public String toString() {
            return "PasswordReset[username=" + username + "]";
        }
    }
}
