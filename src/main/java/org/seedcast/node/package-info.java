/**
 * What this node runs ({@code SEEDCAST_ROLES}): the web application, the tracker, the seed, or any
 * mix of them on machines sharing one PostgreSQL. A node without the web role starts no servlet
 * container and no scheduled web work; the web module then answers health and metrics on the
 * management port instead.
 */
@ApplicationModule(allowedDependencies = {})
package org.seedcast.node;

import org.springframework.modulith.ApplicationModule;
