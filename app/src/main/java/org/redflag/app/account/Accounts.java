package org.redflag.app.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and their API keys. Passwords are stored hashed (bcrypt); API keys as SHA-256 of the key. */
@Repository
public class Accounts {

    public record Account(long id, String username, String passwordHash, Role role, String displayName,
                          boolean disabled) {
        public Actor actor() {
            return new Actor(id, username, role);
        }
    }

    private static final String COLUMNS = "id, username, password_hash, role, display_name, disabled_at";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Accounts(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** bcrypt hashes the first 72 bytes of a password and refuses longer ones rather than ignore the rest. */
    public static final int MAX_PASSWORD_BYTES = 72;

    /** The length of a password a person chooses, in characters (72 bytes bound it further for non-Latin text). */
    public static final int MIN_PASSWORD_CHARS = 12;
    public static final int MAX_PASSWORD_CHARS = 72;

    /** Whether a password's length in characters is one a person may choose. */
    public static boolean passwordLengthAllowed(String password) {
        return password.length() >= MIN_PASSWORD_CHARS && password.length() <= MAX_PASSWORD_CHARS;
    }

    @Transactional
    public Account create(String username, String password, Role role, String displayName) {
        if (password != null && password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("a password of at most " + MAX_PASSWORD_BYTES + " bytes");
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO accounts (username, password_hash, role, display_name, created_at)"
                        + " VALUES (:u, :p, :r, :d, :t)")
                .param("u", username).param("p", password == null ? null : passwords.encode(password))
                .param("r", role.name()).param("d", displayName).param("t", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .update(keys, "id");
        return byId(keys.getKey().longValue()).orElseThrow();
    }

    public Optional<Account> byUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE username = :u")
                .param("u", username).query(Accounts::row).optional();
    }

    public Optional<Account> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
                .param("id", id).query(Accounts::row).optional();
    }

    /** The interface language the account chose, if any. */
    public Optional<String> language(String username) {
        return jdbc.sql("SELECT language FROM accounts WHERE username = :u").param("u", username)
                .query((rs, i) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(o -> o);
    }

    public void setLanguage(String username, String language) {
        jdbc.sql("UPDATE accounts SET language = :l WHERE username = :u").param("l", language).param("u", username)
                .update();
    }

    public List<Account> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM accounts ORDER BY id")
                .query(Accounts::row).list();
    }

    public boolean any() {
        return jdbc.sql("SELECT COUNT(*) FROM accounts").query(Long.class).single() > 0;
    }

    /**
     * Disables the account (no login, no API key: its cached keys are forgotten) or enables it again.
     */
    @Transactional
    public void setDisabled(long accountId, boolean disabled) {
        jdbc.sql("UPDATE accounts SET disabled_at = :t WHERE id = :id")
                .param("t", disabled ? clock.instant().atOffset(java.time.ZoneOffset.UTC) : null)
                .param("id", accountId).update();
        keyCache.values().removeIf(k -> k.account().id() == accountId);
        org.redflag.app.infrastructure.AfterCommit.run(() -> keyCache.values().removeIf(k -> k.account().id() == accountId));
    }

    /** Whether {@code password} is the account's. */
    public boolean passwordMatches(Account account, String password) {
        return account.passwordHash() != null && passwords.matches(password, account.passwordHash());
    }

    /** Replaces the account's password (stored as its bcrypt hash). */
    @Transactional
    public void setPassword(long accountId, String password) {
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("a password of at most " + MAX_PASSWORD_BYTES + " bytes");
        }
        jdbc.sql("UPDATE accounts SET password_hash = :p WHERE id = :id").param("p", passwords.encode(password))
                .param("id", accountId).update();
    }

    /** An API key as its owner sees it: a handle to name it by (the start of its hash), its label, when made. */
    public record ApiKey(String id, String label, java.time.Instant createdAt) {
    }

    /** Characters of a key's hash that name it. */
    static final int KEY_HANDLE = 16;

    public List<ApiKey> apiKeys(long accountId) {
        return jdbc.sql("SELECT key_hash, label, created_at FROM api_keys WHERE account_id = :a ORDER BY created_at,"
                        + " key_hash").param("a", accountId)
                .query((rs, i) -> new ApiKey(rs.getString(1).substring(0, KEY_HANDLE), rs.getString(2),
                        rs.getObject(3, java.time.OffsetDateTime.class).toInstant())).list();
    }

    /** Revokes the account's key named {@code id}; false when the account has no such key. */
    @Transactional
    public boolean revokeApiKey(long accountId, String id) {
        if (!id.matches("[0-9a-f]{" + KEY_HANDLE + "}")) {
            return false;
        }
        List<String> hashes = jdbc.sql("SELECT key_hash FROM api_keys WHERE account_id = :a AND key_hash LIKE :p")
                .param("a", accountId).param("p", id + "%").query(String.class).list();
        if (hashes.size() != 1) {
            return false;
        }
        jdbc.sql("DELETE FROM api_keys WHERE key_hash = :h").param("h", hashes.get(0)).update();
        org.redflag.app.infrastructure.AfterCommit.run(() -> keyCache.remove(hashes.get(0))); // refused from now on
        keyCache.remove(hashes.get(0));
        return true;
    }

    /** Issues a new API key for the account; the key itself is returned once and only its hash is kept. */
    @Transactional
    public String issueApiKey(long accountId, String label) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String key = "rf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.sql("INSERT INTO api_keys (key_hash, account_id, label, created_at) VALUES (:h, :a, :l, :t)")
                .param("h", hash(key)).param("a", accountId).param("l", label)
                .param("t", clock.instant().atOffset(java.time.ZoneOffset.UTC)).update();
        return key;
    }

    /**
     * The account an API key belongs to. Answers are cached for {@link #KEY_CACHE}: machines send the same key on
     * every request, and a key is never changed in place.
     */
    public Optional<Account> byApiKey(String key) {
        String hash = hash(key);
        long now = System.nanoTime();
        CachedKey hit = keyCache.get(hash);
        if (hit != null && now - hit.at() < KEY_CACHE.toNanos()) {
            return Optional.of(hit.account());
        }
        Optional<Account> found = lookUp(hash);
        if (found.isPresent()) {
            if (keyCache.size() > 10_000) {
                keyCache.clear();
            }
            keyCache.put(hash, new CachedKey(found.get(), now));
        }
        return found;
    }

    /** How long a looked-up API key is trusted without asking the database again. */
    public static final java.time.Duration KEY_CACHE = java.time.Duration.ofSeconds(30);

    private record CachedKey(Account account, long at) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, CachedKey> keyCache =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Optional<Account> lookUp(String hash) {
        return jdbc.sql("SELECT " + COLUMNS.replaceAll("(\\w+)", "a.$1") + " FROM api_keys k JOIN accounts a"
                        + " ON a.id = k.account_id WHERE k.key_hash = :h AND a.disabled_at IS NULL")
                .param("h", hash).query(Accounts::row).optional();
    }

    static String hash(String key) {
        return org.redflag.evidence.Hashes.hex(org.redflag.evidence.Hashes.sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static Account row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")), rs.getString("display_name"),
                rs.getObject("disabled_at") != null);
    }
}
