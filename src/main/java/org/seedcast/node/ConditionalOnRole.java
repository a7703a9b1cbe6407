package org.seedcast.node;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * A configuration or bean only for nodes that run {@link #value()} ({@code SEEDCAST_ROLES}), or with
 * {@link #missing()} only for those that do not.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnRoleCondition.class)
public @interface ConditionalOnRole {

    NodeRole value();

    /** {@code true}: the opposite, only where the role is not run. */
    boolean missing() default false;
}
