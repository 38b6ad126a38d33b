package fr.mutualis.provisioning;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * User-facing text of the tools: French by default, English with {@code --lang en}. The
 * no-fallback control keeps the JVM's own locale out of it: a French tool on an English system
 * stays French unless asked.
 */
public final class Messages {

    private final ResourceBundle bundle;
    private final Locale locale;

    public Messages(String language) {
        this.locale = "en".equalsIgnoreCase(language) ? Locale.ENGLISH : Locale.FRENCH;
        this.bundle = ResourceBundle.getBundle("fr.mutualis.provisioning.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() {
        return locale;
    }

    /** A message used as it is, not as a {@link MessageFormat} pattern: date patterns, for example. */
    public String raw(String key) {
        return bundle.getString(key);
    }

    public String get(String key, Object... arguments) {
        Object[] shown = arguments.clone();
        for (int i = 0; i < shown.length; i++) {
            // Ports and counts are identifiers here: "8080", not a localised "8 080".
            if (shown[i] instanceof Number) {
                shown[i] = String.valueOf(shown[i]);
            }
        }
        return new MessageFormat(bundle.getString(key), locale).format(shown);
    }
}
