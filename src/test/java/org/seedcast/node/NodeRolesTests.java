package org.seedcast.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

/** What {@code SEEDCAST_ROLES} switches on and off (a tracker-only process: {@code SeparateRolesIntegrationTests}). */
class NodeRolesTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner().withUserConfiguration(PerRole.class);

    @Test
    void byDefaultANodeRunsEveryRoleAsTheSingleProcessAlwaysDid() {
        contexts.run(context -> {
            assertThat(context.getBean(NodeProperties.class).roles()).containsExactlyInAnyOrder(NodeRole.values());
            assertThat(context).hasBean("web").doesNotHaveBean("headless");
        });
        MockEnvironment environment = new MockEnvironment();
        new WebRoleEnvironment().postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
    }

    @Test
    void aNodeWithoutTheWebRoleGetsNoServletContainerAndOnlyTheConfigurationForItsRoles() {
        contexts.withPropertyValues("seedcast.roles=tracker,seeder").run(context -> {
            assertThat(context.getBean(NodeProperties.class).runs(NodeRole.WEB)).isFalse();
            assertThat(context).doesNotHaveBean("web").hasBean("headless");
        });
        MockEnvironment environment = new MockEnvironment().withProperty("seedcast.roles", "tracker");
        new WebRoleEnvironment().postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
    }

    @Test
    void aNodeMustRunSomething() {
        contexts.withPropertyValues("seedcast.roles=").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("SEEDCAST_ROLES"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NodeProperties.class)
    static class PerRole {

        @Bean
        @ConditionalOnRole(NodeRole.WEB)
        String web() {
            return "web";
        }

        @Bean
        @ConditionalOnRole(value = NodeRole.WEB, missing = true)
        String headless() {
            return "headless";
        }
    }
}
