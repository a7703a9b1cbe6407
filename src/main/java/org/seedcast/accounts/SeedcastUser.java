package org.seedcast.accounts;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person, as Spring Security holds it: the principal of every authenticated request.
 * The password hash is needed only to check a sign-in; Spring Security erases it right after
 * ({@link CredentialsContainer}), so the hash never sits in an HTTP session.
 */
public final class SeedcastUser implements UserDetails, CredentialsContainer {

    private final long id;
    private final String username;
    private String passwordHash;
    private final Role role;
    private final boolean enabled;
    private final int credentialsVersion;
    private final boolean mustChangePassword;

    SeedcastUser(long id, String username, String passwordHash, Role role, boolean enabled, int credentialsVersion,
                 boolean mustChangePassword) {
        this.id = id;
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = enabled;
        this.credentialsVersion = credentialsVersion;
        this.mustChangePassword = mustChangePassword;
    }

    public long id() {
        return id;
    }

    public Role role() {
        return role;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** True while the password is a generated or reset one that its owner has not replaced yet. */
    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    /** Whether a session signed in as this principal is still valid for the account as it is now. */
    boolean stillValidFor(SeedcastUser current) {
        return current.enabled && current.credentialsVersion == credentialsVersion && current.role == role;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return username + " (" + role + ")";
    }
}
