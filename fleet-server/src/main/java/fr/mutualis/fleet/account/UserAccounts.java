package fr.mutualis.fleet.account;

import fr.mutualis.contract.Identifiers;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.audit.AuditLog;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People: creation with validation, lookup, role and commune assignment, password checks. */
@Service
public class UserAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    static final int MIN_PASSWORD_LENGTH = 12;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
    }

    /** Creates a person, recorded in the audit log; throws {@link IllegalArgumentException} naming the first problem. */
    @Transactional
    public UserAccount create(Actor actor, String username, String displayName, Role role, Set<String> communes,
                              String password) {
        validate(username, role, communes, password);
        if (findByUsername(username).isPresent()) {
            throw new IllegalArgumentException("username '" + username + "' is already taken");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO app_user (id, username, display_name, password_hash, role)
                VALUES (:id, :username, :displayName, :hash, :role)
                """)
                .param("id", id).param("username", username).param("displayName", displayName)
                .param("hash", passwords.encode(password)).param("role", role.name())
                .update();
        replaceCommunes(id, communes);
        UserAccount created = findById(id).orElseThrow();
        audit.record(actor, "user.create", "user", username, null, null, created);
        return created;
    }

    /** Changes a person's role, communes or enabled state, recorded in the audit log; a null leaves it as it is. */
    @Transactional
    public UserAccount update(Actor actor, UUID id, Role role, Set<String> communes, Boolean enabled) {
        UserAccount current = findById(id).orElseThrow(() -> new UnknownUserException(id));
        Role newRole = role != null ? role : current.role();
        Set<String> newCommunes = communes != null ? communes : current.communes();
        validateScope(newRole, newCommunes);
        jdbc.sql("UPDATE app_user SET role = :role, enabled = :enabled WHERE id = :id")
                .param("role", newRole.name()).param("enabled", enabled != null ? enabled : current.enabled())
                .param("id", id).update();
        replaceCommunes(id, newCommunes);
        UserAccount updated = findById(id).orElseThrow();
        audit.record(actor, "user.update", "user", current.username(), null, current, updated);
        return updated;
    }

    public boolean anyAdmin() {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE role = 'SYNDICATE_ADMIN'").query(Long.class).single() > 0;
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :username").param("username", username)
                .query(UUID.class).optional().flatMap(this::findById);
    }

    public Optional<UserAccount> findById(UUID id) {
        Set<String> communes = new TreeSet<>(jdbc.sql("SELECT commune FROM user_commune WHERE user_id = :id")
                .param("id", id).query(String.class).list());
        return jdbc.sql("SELECT id, username, display_name, role, enabled, created_at FROM app_user WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> new UserAccount(rs.getObject("id", UUID.class), rs.getString("username"),
                        rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                        communes, rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    public List<UserAccount> list() {
        Map<UUID, Set<String>> communes = new java.util.HashMap<>();
        jdbc.sql("SELECT user_id, commune FROM user_commune").query(rs -> {
            communes.computeIfAbsent(rs.getObject("user_id", UUID.class), k -> new TreeSet<>())
                    .add(rs.getString("commune"));
        });
        return jdbc.sql("SELECT id, username, display_name, role, enabled, created_at FROM app_user ORDER BY username")
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new UserAccount(id, rs.getString("username"), rs.getString("display_name"),
                            Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                            communes.getOrDefault(id, Set.of()), rs.getObject("created_at", OffsetDateTime.class)
                            .toInstant());
                })
                .list();
    }

    /** The stored hash of an enabled person, for Spring Security's password check. */
    public Optional<String> passwordHash(String username) {
        return jdbc.sql("SELECT password_hash FROM app_user WHERE username = :username AND enabled")
                .param("username", username).query(String.class).optional();
    }

    private void replaceCommunes(UUID id, Set<String> communes) {
        jdbc.sql("DELETE FROM user_commune WHERE user_id = :id").param("id", id).update();
        for (String commune : communes) {
            jdbc.sql("INSERT INTO user_commune (user_id, commune) VALUES (:id, :commune)")
                    .param("id", id).param("commune", commune).update();
        }
    }

    private static void validate(String username, Role role, Set<String> communes, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must be 2-64 characters among a-z, 0-9, '.', '_', '-', "
                    + "starting with a letter or digit");
        }
        if (role == null) {
            throw new IllegalArgumentException("role is required: one of SYNDICATE_ADMIN, SYNDICATE_OPERATOR, "
                    + "FIELD_TECHNICIAN, COMMUNE_VIEWER");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        validateScope(role, communes);
    }

    private static void validateScope(Role role, Set<String> communes) {
        Set<String> invalid = communes.stream().filter(c -> !Identifiers.isValidCommune(c))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("not INSEE commune codes: " + invalid);
        }
        if (role.allCommunes() && !communes.isEmpty()) {
            throw new IllegalArgumentException(role + " sees every commune: give it no communes");
        }
        if (!role.allCommunes() && communes.isEmpty()) {
            throw new IllegalArgumentException(role + " needs at least one commune");
        }
    }
}
