package fr.mutualis.fleet.audit;

/**
 * Who performs an operator action, as the audit log records it.
 *
 * <p>Controllers receive it as a handler-method parameter, resolved from the request by
 * {@link ActorArgumentResolver}; services take it as an argument rather than looking it up, so
 * that an action started by something else than an HTTP request names its actor explicitly.
 *
 * @param name the authenticated principal's name, or {@code anonymous} while the API has no
 *             authentication
 */
public record Actor(String name) {

    public static final Actor ANONYMOUS = new Actor("anonymous");

    public Actor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
        if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an actor's name has at most 200 characters and no control characters");
        }
    }
}
