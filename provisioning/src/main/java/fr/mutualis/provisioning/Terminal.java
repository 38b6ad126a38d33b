package fr.mutualis.provisioning;

import picocli.CommandLine.Help.Ansi;

/** Whether standard output is a terminal that takes ANSI colours (not a pipe, not {@code NO_COLOR}). */
public final class Terminal {

    private Terminal() {
    }

    public static boolean colours() {
        return System.getenv("NO_COLOR") == null && Ansi.AUTO.enabled();
    }

    public static String bold(String text, boolean colours) {
        return colours ? "\u001b[1m" + text + "\u001b[0m" : text;
    }
}
