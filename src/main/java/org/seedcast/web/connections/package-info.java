/**
 * The web port's connection limits inside Tomcat: per address, in total (shedding the connection idle
 * longest), and a deadline for each request head that trickled bytes do not extend; a head is read
 * on the poller until it is complete, so a slow one holds neither a worker nor a processor.
 */
package org.seedcast.web.connections;
