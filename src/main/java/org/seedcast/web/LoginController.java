package org.seedcast.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; Spring Security handles the POST. */
@Controller
class LoginController {

    /** {@code throttled}: the seconds to wait, when the throttle refused the last attempt. */
    @GetMapping("/login")
    String login(@RequestParam(required = false) String throttled, Model model) {
        if (throttled != null && throttled.matches("[0-9]{1,6}")) {
            model.addAttribute("retryMinutes", Math.max(1, (Long.parseLong(throttled) + 59) / 60));
        }
        return "login";
    }
}
