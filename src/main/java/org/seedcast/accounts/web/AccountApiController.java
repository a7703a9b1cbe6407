package org.seedcast.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.seedcast.accounts.Accounts;
import org.seedcast.accounts.SeedcastUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Scripts' view of their own account, and their password change; errors are problem details. */
@RestController
class AccountApiController {

    private final Accounts accounts;

    AccountApiController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/account")
    AccountResource account(@AuthenticationPrincipal SeedcastUser user) {
        return new AccountResource(user.id(), user.getUsername(), user.role().name().toLowerCase());
    }

    @PutMapping("/api/account/password")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange change, @AuthenticationPrincipal SeedcastUser user,
                                        HttpServletRequest request, HttpServletResponse response) {
        SeedcastUser changed = accounts.changePassword(user.id(), change.currentPassword(), change.newPassword());
        if (request.getSession(false) != null) {
            AccountController.keepSignedIn(changed, request, response);
        }
        return ResponseEntity.noContent().build();
    }

    /** The body of {@code PUT /api/account/password}. */
    record PasswordChange(String currentPassword, String newPassword) {

        @Override
        public String toString() {
            return "PasswordChange[(hidden)]";
        }
    }

    record AccountResource(long id, String username, String role) {
    }
}
