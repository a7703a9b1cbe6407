package org.seedcast.admin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.seedcast.tracker.Tracker;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The admin pages' controllers on their own (MockMvc, Thymeleaf, Boot's default security, an admin signed in) with
 * the tracker and the set-aside hashes mocked. Every class with this annotation shares one context, so give none a
 * mock or a property of its own; who may open the pages is {@code AuthorizationMatrixIntegrationTests}'.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(useDefaultFilters = false, includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
        classes = {BansController.class, UnknownTorrentsController.class}))
@MockitoBean(types = {Tracker.class, IgnoredTorrents.class})
@WithMockUser(username = "admin", roles = "ADMIN")
@interface AdminPageSlice {
}
