package org.seedcast.admin;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;

import org.seedcast.tracker.Ban;
import org.seedcast.tracker.Tracker;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Banned addresses and networks: the tracker answers them "your address is banned", 24 hours. */
@Controller
@RequestMapping("/admin/bans")
class BansController {

    private final Tracker tracker;

    BansController(Tracker tracker) {
        this.tracker = tracker;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("bans", tracker.bans().stream()
                .sorted(Comparator.comparing(Ban::since).reversed()).toList());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new BanForm("", "", ""));
        }
        return "admin/bans";
    }

    @PostMapping
    String add(@ModelAttribute("form") BanForm form, RedirectAttributes redirect) {
        if (form.cidr().isBlank()) {
            redirect.addFlashAttribute("error", "Nothing banned: enter an address or a network, e.g. 203.0.113.7 or 2001:db8::/32.");
            return "redirect:/admin/bans";
        }
        try {
            Ban ban = tracker.ban(form.cidr(), form.reason(), form.lasting());
            redirect.addFlashAttribute("success", "Banned " + ban.cidr() + (ban.until() == null ? "." : " until "
                    + DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ROOT)
                            .withZone(ZoneOffset.UTC).format(ban.until()) + "."));
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "Nothing banned: " + e.getMessage() + ".");
            redirect.addFlashAttribute("form", form);
        }
        return "redirect:/admin/bans";
    }

    @PostMapping("/remove")
    String remove(@RequestParam(defaultValue = "") String cidr, RedirectAttributes redirect) {
        try {
            if (tracker.unban(cidr)) {
                redirect.addFlashAttribute("success", "Lifted the ban on " + cidr + ".");
            } else {
                redirect.addFlashAttribute("error", "There was no ban on " + cidr + ".");
            }
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "Nothing lifted: " + e.getMessage() + ".");
        }
        return "redirect:/admin/bans";
    }

    /**
     * The ban form, flashed back to it after a refusal: serializable, as sessions in PostgreSQL store
     * flash attributes serialized.
     *
     * @param cidr    an address or network, IPv4 or IPv6
     * @param reason  shown in this list
     * @param expires how long it lasts: {@code 1h}, {@code 24h}, {@code 7d}, {@code 30d}, or empty for good
     */
    record BanForm(String cidr, String reason, String expires) implements Serializable {

        BanForm {
            cidr = cidr == null ? "" : cidr.strip();
            reason = reason == null ? "" : reason.strip();
            expires = expires == null ? "" : expires.strip();
        }

        Duration lasting() {
            return switch (expires) {
                case "" -> null;
                case "1h" -> Duration.ofHours(1);
                case "24h" -> Duration.ofHours(24);
                case "7d" -> Duration.ofDays(7);
                case "30d" -> Duration.ofDays(30);
                default -> throw new IllegalArgumentException("choose how long the ban lasts from the list");
            };
        }
    }
}
