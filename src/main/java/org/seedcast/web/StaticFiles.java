package org.seedcast.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.UrlResource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The stylesheet, scripts and images ({@code static/} in the application) and the web jars' files
 * ({@code /webjars/**}), each served from the directories that hold them, found once at start.
 * Spring Boot's own mapping looks every file up in four class path locations, and a class path
 * location asks the class loader, which searches every jar of the application for the name: an
 * existing file took two such searches and a missing one four. Anyone may ask for any path, so a
 * miss, the cheapest request an anonymous client can send, cost more CPU than rendering a page.
 * Here a file is looked up in its directories alone ({@code spring.web.resources.add-mappings=false}
 * turns Boot's mapping off), and nothing else on the class path is served.
 */
@Configuration(proxyBeanMethods = false)
class StaticFiles implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**").addResourceLocations(directories("META-INF/resources/webjars/"));
        registry.addResourceHandler("/**").addResourceLocations(directories("static/"));
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
