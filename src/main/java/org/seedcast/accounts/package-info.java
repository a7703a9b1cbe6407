/**
 * The people who sign in: admins and producers, their hashed passwords and roles, and the first
 * admin created at first start. Fans never sign in.
 */
@ApplicationModule(allowedDependencies = {"node"})
package org.seedcast.accounts;

import org.springframework.modulith.ApplicationModule;
