package org.seedcast.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.UrlResource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.VersionResourceResolver;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * The stylesheet, scripts and images ({@code static/} in the application) and the web jars' files
 * ({@code /webjars/**}), each served from the directories that hold them, found once at start.
 * Spring Boot's own mapping looks every file up in four class path locations, and a class path
 * location asks the class loader, which searches every jar of the application for the name: an
 * existing file took two such searches and a missing one four. Anyone may ask for any path, so a
 * miss, the cheapest request an anonymous client can send, cost more CPU than rendering a page.
 * Here a file is looked up in its directories alone ({@code spring.web.resources.add-mappings=false}
 * turns Boot's mapping off), and nothing else on the class path is served.
 * <p>
 * Browsers keep them: pages link to each file by a name that carries a hash of its content
 * ({@code /css/seedcast-<md5>.css}, given to the templates by {@link StaticLinks}; a web jar's path
 * carries its version), so a new release links to new names and a kept file is never stale, and a
 * fan's second page costs one request instead of one per stylesheet, script and image. The plain
 * name still answers, for links from elsewhere, and is kept as long: one handler, one header.
 */
@Configuration(proxyBeanMethods = false)
class StaticFiles implements WebMvcConfigurer {

    /** How long browsers and proxies keep a static file: its name changes with its content. */
    static final CacheControl KEPT = CacheControl.maxAge(Duration.ofDays(365)).cachePublic();

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations(directories("META-INF/resources/webjars/"))
                .setCacheControl(KEPT);
        registry.addResourceHandler("/**")
                .addResourceLocations(directories("static/"))
                .setCacheControl(KEPT)
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
    }

    /** Thymeleaf's {@code @{...}} links to static files get their versioned names ({@link StaticLinks}). */
    @Bean
    static BeanPostProcessor versionedStaticLinks(ObjectProvider<ResourceUrlProvider> urls) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                return bean instanceof SpringTemplateEngine engine ? StaticLinks.install(engine, urls) : bean;
            }
        };
    }

    /** Every class path entry's {@code directory}, each as the one place its files are read from. */
    static Resource[] directories(String directory) {
        List<Resource> found = new ArrayList<>();
        try {
            for (URL url : Collections.list(StaticFiles.class.getClassLoader().getResources(directory))) {
                found.add(new UrlResource(url));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + " on the class path", e);
        }
        return found.toArray(Resource[]::new);
    }
}
