/**
 * Cross-cutting web concerns: security, error handling (RFC 9457 problem details), the layout and the home page.
 */
package org.seedcast.web;
