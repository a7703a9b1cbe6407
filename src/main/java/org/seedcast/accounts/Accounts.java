package org.seedcast.accounts;

import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and finds the people who sign in, and runs their accounts' lifecycle: password changes,
 * resets and disabling. Passwords are stored only as bcrypt hashes; every change that must sign
 * out existing sessions bumps the account's credentials version, which {@link AccountStatusFilter}
 * compares with the session's on every signed-in request.
 */
@Service
public class Accounts implements UserDetailsService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");
    /**
     * The advisory lock that web nodes starting together on one database take to create the first
     * admin: Seedcast's lock space ({@code scheduling.ClusterLock}'s first key) and a name of its own.
     */
    private static final int LOCK_SPACE = 0x5eedca57;
    private static final int FIRST_ADMIN_LOCK = "first-admin".hashCode();

    private final AccountRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    Accounts(AccountRepository repository, PasswordEncoder passwordEncoder, Clock clock, JdbcTemplate jdbc) {
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * Creates the first admin unless an account exists. Web nodes starting together on one database
     * each find none; a transaction-scoped advisory lock makes them take turns, so the first creates
     * the admin and the others, once it committed, find it and create nothing.
     *
     * @return whether this call created the admin
     */
    @Transactional
    boolean createFirstAdmin(String username, String password, boolean temporary) {
        jdbc.query("select pg_advisory_xact_lock(?, ?)", (ResultSet rs) -> null, LOCK_SPACE, FIRST_ADMIN_LOCK);
        if (repository.count() > 0) {
            return false;
        }
        create(username, password, Role.ADMIN, temporary);
        return true;
    }

    /**
     * Creates an account.
     *
     * @throws InvalidAccountException with a field name and a readable message when the input is not acceptable
     */
    @Transactional
    public AccountView create(String username, String password, Role role) {
        return create(username, password, role, false);
    }

    /** @param temporary whether its owner must change the password at the first sign-in */
    @Transactional
    AccountView create(String username, String password, Role role, boolean temporary) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidAccountException("username",
                    "a username has 2 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit");
        }
        PasswordPolicy.check("password", username, password);
        if (repository.existsByUsernameIgnoreCase(username)) {
            throw new InvalidAccountException("username", "the username " + username + " is taken");
        }
        Account account = new Account(username, passwordEncoder.encode(password), role, temporary, clock.instant());
        return repository.save(account).view();
    }

    @Transactional(readOnly = true)
    public List<AccountView> all() {
        return repository.findAllByOrderByUsernameAsc().stream().map(Account::view).toList();
    }

    @Transactional(readOnly = true)
    public Optional<AccountView> find(long id) {
        return repository.findById(id).map(Account::view);
    }

    @Transactional(readOnly = true)
    public Optional<AccountView> findByUsername(String username) {
        return repository.findByUsernameIgnoreCase(username).map(Account::view);
    }

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return repository.count() == 0;
    }

    /**
     * The owner changes their password, proving they know the current one. Sessions signed in
     * before are signed out; the returned principal is the one to keep in the caller's session.
     *
     * @throws InvalidAccountException when the current password is wrong or the new one not acceptable
     */
    @Transactional
    public SeedcastUser changePassword(long id, String currentPassword, String newPassword) {
        Account account = repository.findById(id).orElseThrow(() -> new NoSuchAccountException(id));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
            throw new InvalidAccountException("currentPassword", "the current password is wrong");
        }
        PasswordPolicy.check("newPassword", account.getUsername(), newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new InvalidAccountException("newPassword", "the new password must differ from the current one");
        }
        account.changePassword(passwordEncoder.encode(newPassword), false);
        SeedcastUser principal = account.principal();
        principal.eraseCredentials();
        return principal;
    }

    /**
     * An admin replaces a user's password with a generated one, to be changed at the user's next
     * sign-in; the user's sessions are signed out.
     *
     * @return the temporary password, to hand to the user (it is stored only hashed)
     */
    @Transactional
    public String resetPassword(long id, SeedcastUser admin) {
        Account account = othersAccount(id, admin, "reset your own password; change it on the account page");
        String temporary = Passwords.generate();
        account.changePassword(passwordEncoder.encode(temporary), true);
        return temporary;
    }

    /** An admin disables a user: their password stops working and their sessions are signed out. */
    @Transactional
    public AccountView disable(long id, SeedcastUser admin) {
        Account account = othersAccount(id, admin, "disable yourself");
        account.disable();
        return account.view();
    }

    /** An admin enables a disabled user again; sessions signed in before the disabling stay signed out. */
    @Transactional
    public AccountView enable(long id, SeedcastUser admin) {
        Account account = othersAccount(id, admin, "enable yourself");
        account.enable();
        return account.view();
    }

    /** The account behind a session's principal as it is now, without its password hash. */
    @Transactional(readOnly = true)
    Optional<SeedcastUser> current(long id) {
        return repository.findById(id).map(account -> {
            SeedcastUser principal = account.principal();
            principal.eraseCredentials();
            return principal;
        });
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return repository.findByUsernameIgnoreCase(username)
                .map(Account::principal)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    private Account othersAccount(long id, SeedcastUser admin, String refused) {
        if (!admin.isAdmin()) {
            throw new AccessDeniedException("Only admins manage users.");
        }
        if (admin.id() == id) {
            throw new InvalidAccountException("id", "you cannot " + refused);
        }
        return repository.findById(id).orElseThrow(() -> new NoSuchAccountException(id));
    }
}
