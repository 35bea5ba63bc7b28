package io.partita.app.topics;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kafka's rules for topic names, checked before anything is sent so the user gets a clear reason at once:
 * 1 to 249 characters of {@code [a-zA-Z0-9._-]}, not {@code .} or {@code ..}. Like Kafka, names that differ
 * only in '.' versus '_' collide (metric names would be equal), and a name taken already is refused.
 */
public final class TopicNameValidator {
    public static final int MAX_LENGTH = 249;
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    private TopicNameValidator() {}

    /** Why {@code name} cannot be created next to {@code existing}, or empty when it can. */
    public static Optional<String> problem(String name, Collection<String> existing) {
        if (name == null || name.isEmpty()) {
            return Optional.of("Enter a topic name.");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("A topic cannot be named \"" + name + "\".");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("A topic name can have at most " + MAX_LENGTH + " characters (this one has "
                    + name.length() + ").");
        }
        if (!LEGAL.matcher(name).matches()) {
            String bad = name.codePoints()
                    .filter(c ->
                            !LEGAL.matcher(new String(Character.toChars(c))).matches())
                    .distinct()
                    .mapToObj(TopicNameValidator::show)
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("");
            return Optional.of(
                    "Topic names may only contain letters, digits, '.', '_' and '-'. Not allowed: " + bad + ".");
        }
        for (String other : existing) {
            if (other.equals(name)) {
                return Optional.of("A topic named \"" + name + "\" already exists.");
            }
        }
        String unified = unify(name);
        for (String other : existing) {
            if (unify(other).equals(unified)) {
                return Optional.of("\"" + name + "\" collides with the existing topic \"" + other
                        + "\": Kafka treats '.' and '_' alike in topic names.");
            }
        }
        return Optional.empty();
    }

    private static String unify(String name) {
        return name.replace('.', '_');
    }

    private static String show(int codePoint) {
        return switch (codePoint) {
            case ' ' -> "space";
            case '\t' -> "tab";
            default -> "'" + new String(Character.toChars(codePoint)) + "'";
        };
    }
}
