/**
 * The audit log: every change admins and producers make through the pages and the API (who,
 * what, when, from which address), recorded by an MVC interceptor on {@code /studio/**},
 * {@code /admin/**} and {@code /api/**}, so no module has to know about it; searchable at
 * {@code /admin/audit}.
 */
package org.seedcast.admin.audit;
