package org.seedcast.admin;

import java.util.Comparator;

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
                .sorted(Comparator.comparing(org.seedcast.tracker.Ban::since).reversed()).toList());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new BanForm("", ""));
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
            String cidr = tracker.ban(form.cidr(), form.reason()).cidr();
            redirect.addFlashAttribute("success", "Banned " + cidr + ".");
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

    /** @param cidr an address or network, IPv4 or IPv6; @param reason shown in this list */
    record BanForm(String cidr, String reason) {

        BanForm {
            cidr = cidr == null ? "" : cidr.strip();
            reason = reason == null ? "" : reason.strip();
        }
    }
}
