package org.seedcast.accounts.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.seedcast.accounts.Accounts;
import org.seedcast.accounts.InvalidAccountException;
import org.seedcast.accounts.SeedcastUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in person's own account page: changing their password. */
@Controller
class AccountController {

    private final Accounts accounts;
    private static final SecurityContextHolderStrategy CONTEXTS = SecurityContextHolder.getContextHolderStrategy();
    private static final SecurityContextRepository SESSIONS = new HttpSessionSecurityContextRepository();

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/account/password")
    String passwordPage(@AuthenticationPrincipal SeedcastUser user, Model model) {
        return passwordPage(model, user, Map.of());
    }

    @PostMapping("/account/password")
    String changePassword(PasswordForm form, @AuthenticationPrincipal SeedcastUser user, Model model,
                          HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (form.newPassword() == null || !form.newPassword().equals(form.confirmPassword())) {
            return passwordPage(model, user, Map.of("confirmPassword", "the two new passwords differ"));
        }
        try {
            keepSignedIn(accounts.changePassword(user.id(), form.currentPassword(), form.newPassword()), request, response);
        } catch (InvalidAccountException e) {
            return passwordPage(model, user, Map.of(e.field(), e.getMessage()));
        }
        redirect.addFlashAttribute("success", "Your password is changed. Your other sessions are signed out.");
        return "redirect:/studio";
    }

    /**
     * The change signed out every session signed in before it, this one included; this one was
     * just proven by the current password, so it continues with the new principal, under a new id.
     */
    static void keepSignedIn(SeedcastUser changed, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = CONTEXTS.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(changed, null, changed.getAuthorities()));
        CONTEXTS.setContext(context);
        request.changeSessionId();
        SESSIONS.saveContext(context, request, response);
    }

    private static String passwordPage(Model model, SeedcastUser user, Map<String, String> errors) {
        model.addAttribute("errors", errors);
        model.addAttribute("forced", user.mustChangePassword());
        return "account/password";
    }

    record PasswordForm(String currentPassword, String newPassword, String confirmPassword) {

        @Override
        public String toString() {
            return "PasswordForm[(hidden)]";
        }
    }

}
