/**
 * A signed-in person's own account: the change-password page and {@code /api/account}; thin
 * controllers over {@link org.seedcast.accounts.Accounts}.
 */
package org.seedcast.accounts.web;
