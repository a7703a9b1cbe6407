package org.seedcast.catalog.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.seedcast.accounts.SeedcastUser;
import org.seedcast.catalog.Catalog;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks a producer's rights on the show before a multipart episode upload is read: the
 * controller's arguments are the parts, so resolving them would spool the whole file (up to the
 * media size limit) for someone who may not upload there. Multipart bodies are resolved lazily
 * ({@code spring.servlet.multipart.resolve-lazily}), so nothing is read before this runs.
 */
@Component
class UploadRightsFirst implements HandlerInterceptor, WebMvcConfigurer {

    private final Catalog catalog;

    UploadRightsFirst(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/shows/*/episodes");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (variables != null && variables.get("slug") != null && who != null && who.getPrincipal() instanceof SeedcastUser user) {
            catalog.requireManager(variables.get("slug"), user);
        }
        return true;
    }
}
