package org.seedcast.storage;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link WebSeedFilter} first in the servlet filter chain, for {@code /media/*} only. */
@Configuration(proxyBeanMethods = false)
class WebSeedConfiguration {

    @Bean
    FilterRegistrationBean<WebSeedFilter> webSeedFilter(MediaDirectory directory, MediaStore store,
                                                        MediaDelivery delivery) {
        FilterRegistrationBean<WebSeedFilter> registration =
                new FilterRegistrationBean<>(new WebSeedFilter(directory, store, delivery));
        registration.addUrlPatterns(WebSeedFilter.PREFIX + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("webSeedFilter");
        return registration;
    }
}
