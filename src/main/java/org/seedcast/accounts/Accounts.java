package org.seedcast.accounts;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and finds the people who sign in. Passwords are stored only as bcrypt hashes. */
@Service
public class Accounts implements UserDetailsService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");
    static final int MIN_PASSWORD_LENGTH = 8;

    private final AccountRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    Accounts(AccountRepository repository, PasswordEncoder passwordEncoder, Clock clock) {
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    /**
     * Creates an account.
     *
     * @throws InvalidAccountException with a field name and a readable message when the input is not acceptable
     */
    @Transactional
    public AccountView create(String username, String password, Role role) {
        validate(username, password);
        if (repository.existsByUsernameIgnoreCase(username)) {
            throw new InvalidAccountException("username", "the username " + username + " is taken");
        }
        Account account = new Account(username, passwordEncoder.encode(password), role, clock.instant());
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

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return repository.findByUsernameIgnoreCase(username)
                .map(a -> new SeedcastUser(a.getId(), a.getUsername(), a.getPasswordHash(), a.getRole(), a.isEnabled()))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    private static void validate(String username, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidAccountException("username",
                    "a username has 2 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidAccountException("password", "a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > 72) {
            throw new InvalidAccountException("password", "a password has at most 72 characters");
        }
    }
}
