package org.seedcast.web;

import org.seedcast.accounts.SeedcastUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the signed-in person (or {@code null}) for the navigation bar. */
@ControllerAdvice(annotations = Controller.class)
class CurrentUserAdvice {

    @ModelAttribute("currentUser")
    SeedcastUser currentUser(@AuthenticationPrincipal SeedcastUser user) {
        return user;
    }
}
