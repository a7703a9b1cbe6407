package org.seedcast.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * Thymeleaf's links to static files ({@code @{/css/seedcast.css}}) under their versioned names
 * ({@code /css/seedcast-<md5>.css}, see {@link StaticFiles}), set on the template engine by
 * {@link StaticFiles}. Each name is worked out once and kept: the templates name a fixed handful of
 * files. Spring's {@code ResourceUrlEncodingFilter} would do the same by wrapping every request, a
 * 404 included, for the few that render a page.
 */
final class StaticLinks extends StandardLinkBuilder {

    private final ObjectProvider<ResourceUrlProvider> urls;
    private final Map<String, String> versioned = new ConcurrentHashMap<>();

    StaticLinks(ObjectProvider<ResourceUrlProvider> urls) {
        this.urls = urls;
    }

    /** Makes {@code engine}'s links to static files versioned; before the engine's first template. */
    static SpringTemplateEngine install(SpringTemplateEngine engine, ObjectProvider<ResourceUrlProvider> urls) {
        engine.setLinkBuilder(new StaticLinks(urls));
        return engine;
    }

    @Override
    protected String processLink(IExpressionContext context, String link) {
        return super.processLink(context, isStaticFile(link) ? url(link) : link);
    }

    /** The path under which browsers may keep the file at {@code path}; {@code path} itself if it is not versioned. */
    String url(String path) {
        // null (no such file, or asked before the handlers are known) is not kept
        String url = versioned.computeIfAbsent(path, p -> urls.getObject().getForLookupPath(p));
        return url != null ? url : path;
    }

    private static boolean isStaticFile(String link) {
        return (link.startsWith("/css/") || link.startsWith("/js/") || link.startsWith("/img/"))
                && link.indexOf('?') < 0 && link.indexOf('#') < 0;
    }
}
