package org.seedcast.admin;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.seedcast.accounts.AccountView;
import org.seedcast.accounts.Accounts;
import org.seedcast.accounts.InvalidAccountException;
import org.seedcast.accounts.NoSuchAccountException;
import org.seedcast.accounts.Role;
import org.seedcast.accounts.SeedcastUser;
import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.ShowView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admins create producers and other admins, assign producers their shows, disable and enable
 * users and reset their passwords (page and API). Disabling or resetting signs the user's
 * sessions out on their next request.
 */
@Controller
class UsersController {

    private final Accounts accounts;
    private final Catalog catalog;

    UsersController(Accounts accounts, Catalog catalog) {
        this.accounts = accounts;
        this.catalog = catalog;
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        return usersPage(model, Map.of(), "", "PRODUCER");
    }

    @PostMapping("/admin/users")
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "PRODUCER") String role,
                  @RequestParam(required = false) List<String> shows,
                  @AuthenticationPrincipal SeedcastUser admin, Model model, RedirectAttributes redirect) {
        try {
            AccountView account = createWithShows(new UserRequest(username, password, role, shows), admin);
            redirect.addFlashAttribute("success", "Created " + account.username() + ".");
            return "redirect:/admin/users";
        } catch (InvalidAccountException e) {
            return usersPage(model, Map.of(e.field(), e.getMessage()), username, role);
        }
    }

    @PostMapping("/admin/users/{id}/shows")
    String assign(@PathVariable long id, @RequestParam(required = false) List<String> shows,
                  @AuthenticationPrincipal SeedcastUser admin, RedirectAttributes redirect) {
        AccountView account = accounts.find(id).orElseThrow(() -> new InvalidAccountException("id", "no such user"));
        for (ShowView show : catalog.allShows()) {
            boolean wanted = shows != null && shows.contains(show.slug());
            if (wanted && !show.producerIds().contains(id)) {
                catalog.assignProducer(show.slug(), id, admin);
            } else if (!wanted && show.producerIds().contains(id)) {
                catalog.unassignProducer(show.slug(), id, admin);
            }
        }
        redirect.addFlashAttribute("success", "Updated the shows of " + account.username() + ".");
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/disable")
    String disable(@PathVariable long id, @AuthenticationPrincipal SeedcastUser admin, RedirectAttributes redirect) {
        return afterChange(redirect, () -> "Disabled " + accounts.disable(id, admin).username()
                + ": their password no longer works and their sessions are signed out.");
    }

    @PostMapping("/admin/users/{id}/enable")
    String enable(@PathVariable long id, @AuthenticationPrincipal SeedcastUser admin, RedirectAttributes redirect) {
        return afterChange(redirect, () -> "Enabled " + accounts.enable(id, admin).username() + ".");
    }

    @PostMapping("/admin/users/{id}/password-reset")
    String resetPassword(@PathVariable long id, @AuthenticationPrincipal SeedcastUser admin, RedirectAttributes redirect) {
        AccountView account = accounts.find(id).orElseThrow(() -> new NoSuchAccountException(id));
        try {
            // shown once, on the page this redirects to, and stored only hashed; on its way there it sits in the
            // admin's session row (a flash attribute) until that page takes it out
            redirect.addFlashAttribute("reset", new UsersApiController.PasswordReset(account.username(), accounts.resetPassword(id, admin)));
        } catch (InvalidAccountException e) {
            redirect.addFlashAttribute("error", "The password was not reset: " + e.getMessage() + ".");
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/api/users")
    @ResponseBody
    ResponseEntity<UserResource> createApi(@RequestBody UserRequest request, @AuthenticationPrincipal SeedcastUser admin) {
        AccountView account = createWithShows(request, admin);
        return ResponseEntity.created(URI.create("/api/users/" + account.id()))
                .body(new UserResource(account.id(), account.username(), account.role().name().toLowerCase(),
                        request.shows() == null ? List.of() : request.shows(), account.enabled(), account.mustChangePassword()));
    }

    private static String afterChange(RedirectAttributes redirect, Supplier<String> change) {
        try {
            redirect.addFlashAttribute("success", change.get());
        } catch (InvalidAccountException e) {
            redirect.addFlashAttribute("error", "Not changed: " + e.getMessage() + ".");
        }
        return "redirect:/admin/users";
    }

    AccountView createWithShows(UserRequest request, SeedcastUser admin) {
        Role role;
        try {
            role = Role.parse(request.role());
        } catch (IllegalArgumentException e) {
            throw new InvalidAccountException("role", e.getMessage());
        }
        List<String> slugs = request.shows() == null ? List.of() : request.shows();
        for (String slug : slugs) {
            if (catalog.show(slug).isEmpty()) {
                throw new InvalidAccountException("shows", "there is no show " + slug);
            }
        }
        AccountView account = accounts.create(request.username(), request.password(), role);
        slugs.forEach(slug -> catalog.assignProducer(slug, account.id(), admin));
        return account;
    }

    private String usersPage(Model model, Map<String, String> errors, String username, String role) {
        List<ShowView> shows = catalog.allShows();
        Map<Long, List<String>> showsOf = new HashMap<>();
        shows.forEach(show -> show.producerIds().forEach(id -> showsOf.computeIfAbsent(id, k -> new ArrayList<>()).add(show.slug())));
        model.addAttribute("users", accounts.all());
        model.addAttribute("shows", shows);
        model.addAttribute("showsOf", showsOf);
        model.addAttribute("errors", errors);
        model.addAttribute("username", username);
        model.addAttribute("role", role);
        if (!errors.isEmpty()) {
            model.addAttribute("error", "The user was not created: " + errors.values().iterator().next() + ".");
        }
        return "admin/users";
    }

    /** @param role {@code admin} or {@code producer}; @param shows slugs the producer manages */
    record UserRequest(String username, String password, String role, List<String> shows) {

        @Override
        public String toString() {
            return "UserRequest[username=" + username + ", role=" + role + ", shows=" + shows + "]";
        }
    }

    record UserResource(long id, String username, String role, List<String> shows, boolean enabled,
                        boolean mustChangePassword) {
    }


}
