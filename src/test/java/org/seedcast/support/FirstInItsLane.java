package org.seedcast.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Order;

/**
 * Runs a test class ahead of the unmarked ones of its lane ({@code junit-platform.properties} orders classes by
 * {@link Order}; the unmarked keep their order). The run's opening is its busiest stretch: the first Spring context
 * loads its classes while {@link HeadStart} starts the PostgreSQL and S3Proxy. So the first lane opens with a class of
 * the shared {@link IntegrationTest} context, which waits for neither server until that load needs its database, and
 * the {@link BesideTheSuite} lane opens with classes that start no JVM and no database of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Order(1)
public @interface FirstInItsLane {
}
