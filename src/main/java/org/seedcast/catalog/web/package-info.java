/**
 * The catalog's pages (public and studio) and its REST API; thin controllers over {@link org.seedcast.catalog.Catalog}.
 */
package org.seedcast.catalog.web;
