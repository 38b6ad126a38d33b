package fr.mutualis.gateway.release.pkg;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OSGi version ({@code major[.minor[.micro[.qualifier]]]}), the syntax of
 * {@code DeploymentPackage-Version}, compared as OSGi does: numbers numerically, then the qualifier
 * as a string (an empty qualifier sorts first, so {@code 1.0.0 < 1.0.0.SNAPSHOT}). Kept here rather
 * than taken from {@code org.osgi.framework.Version} because the launcher and the command-line tool
 * run outside OSGi.
 */
public record ReleaseVersion(int major, int minor, int micro, String qualifier) implements Comparable<ReleaseVersion> {

    private static final Pattern QUALIFIER = Pattern.compile("[A-Za-z0-9_-]*");

    public ReleaseVersion {
        Objects.requireNonNull(qualifier, "qualifier");
    }

    /** @throws IllegalArgumentException with the reason when {@code text} is not an OSGi version */
    public static ReleaseVersion parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty version");
        }
        String[] parts = text.trim().split("\\.", 4);
        try {
            int major = number(parts[0]);
            int minor = parts.length > 1 ? number(parts[1]) : 0;
            int micro = parts.length > 2 ? number(parts[2]) : 0;
            String qualifier = parts.length > 3 ? parts[3] : "";
            if (!QUALIFIER.matcher(qualifier).matches()) {
                throw new IllegalArgumentException("invalid qualifier '" + qualifier + "'");
            }
            return new ReleaseVersion(major, minor, micro, qualifier);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an OSGi version (major.minor.micro.qualifier): "
                    + e.getMessage(), e);
        }
    }

    /** A Maven version as OSGi spells it: {@code 0.1.0-SNAPSHOT} becomes {@code 0.1.0.SNAPSHOT}. */
    public static ReleaseVersion fromMaven(String mavenVersion) {
        String text = mavenVersion.trim();
        int dash = text.indexOf('-');
        if (dash < 0) {
            return parse(text);
        }
        String numbers = text.substring(0, dash);
        String[] parts = numbers.split("\\.");
        StringBuilder padded = new StringBuilder(numbers);
        for (int i = parts.length; i < 3; i++) {
            padded.append(".0");
        }
        return parse(padded + "." + text.substring(dash + 1).replace('.', '_'));
    }

    private static int number(String part) {
        if (part.isEmpty() || !part.chars().allMatch(Character::isDigit) || part.length() > 9) {
            throw new IllegalArgumentException("'" + part + "' is not a number");
        }
        return Integer.parseInt(part);
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        int result = Integer.compare(major, other.major);
        if (result == 0) {
            result = Integer.compare(minor, other.minor);
        }
        if (result == 0) {
            result = Integer.compare(micro, other.micro);
        }
        return result != 0 ? result : qualifier.compareTo(other.qualifier);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro + (qualifier.isEmpty() ? "" : "." + qualifier);
    }
}
