package fr.mutualis.fleet.release;

import java.util.regex.Pattern;

/**
 * An OSGi version ({@code major[.minor[.micro[.qualifier]]]}), compared as OSGi compares them:
 * numerically, then the qualifier as a string. Releases are ordered this way to know whether a
 * campaign would move a gateway back (a downgrade, refused unless explicitly allowed).
 */
public record ReleaseVersion(int major, int minor, int micro, String qualifier) implements Comparable<ReleaseVersion> {

    private static final Pattern SYNTAX = Pattern.compile("(0|[1-9][0-9]{0,8})(\\.(0|[1-9][0-9]{0,8})(\\.(0|[1-9][0-9]{0,8})"
            + "(\\.[A-Za-z0-9_-]{1,64})?)?)?");

    /** @throws IllegalArgumentException naming the rule when {@code text} is not an OSGi version */
    public static ReleaseVersion parse(String text) {
        if (text == null || !SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an OSGi version (major.minor.micro.qualifier, "
                    + "numbers without leading zeros, qualifier of letters, digits, '_' and '-')");
        }
        String[] parts = text.split("\\.", 4);
        return new ReleaseVersion(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0,
                parts.length > 2 ? Integer.parseInt(parts[2]) : 0, parts.length > 3 ? parts[3] : "");
    }

    public static boolean isValid(String text) {
        return text != null && SYNTAX.matcher(text).matches();
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        int byNumbers = major != other.major ? Integer.compare(major, other.major)
                : minor != other.minor ? Integer.compare(minor, other.minor) : Integer.compare(micro, other.micro);
        return byNumbers != 0 ? byNumbers : qualifier.compareTo(other.qualifier);
    }
}
