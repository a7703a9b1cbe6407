/**
 * The web port's connection limits inside Tomcat: per address, in total (shedding the connection idle
 * longest), and a deadline for each request head that trickled bytes do not extend.
 */
package org.seedcast.web.connections;
