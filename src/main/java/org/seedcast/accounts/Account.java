package org.seedcast.accounts;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "accounts")
class Account {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    private boolean enabled = true;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    /** Bumped by every change that must sign out the sessions signed in before it. */
    @Column(name = "credentials_version", nullable = false)
    private int credentialsVersion;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Account() {
    }

    Account(String username, String passwordHash, Role role, boolean mustChangePassword, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.mustChangePassword = mustChangePassword;
        this.createdAt = createdAt;
    }

    Long getId() {
        return id;
    }

    String getUsername() {
        return username;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    Role getRole() {
        return role;
    }

    boolean isEnabled() {
        return enabled;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    /** @param temporary set by an admin's reset: to be changed by its owner at the next sign-in */
    void changePassword(String newHash, boolean temporary) {
        this.passwordHash = newHash;
        this.mustChangePassword = temporary;
        credentialsVersion++;
    }

    void disable() {
        enabled = false;
        credentialsVersion++;
    }

    void enable() {
        enabled = true;
    }

    SeedcastUser principal() {
        return new SeedcastUser(id, username, passwordHash, role, enabled, credentialsVersion, mustChangePassword);
    }

    AccountView view() {
        return new AccountView(id, username, role, enabled, mustChangePassword, createdAt);
    }
}
