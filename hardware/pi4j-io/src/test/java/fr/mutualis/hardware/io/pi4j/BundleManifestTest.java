package fr.mutualis.hardware.io.pi4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * Guards the packaging that makes Pi4J work in OSGi: the manifest bnd generated into
 * target/classes exports only our Pi4J-free API, embeds Pi4J and SLF4J, and imports neither.
 */
class BundleManifestTest {

    private static Attributes manifest() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("target", "classes", "META-INF", "MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }

    @Test
    void exportsOnlyThePi4jFreeApiAndEmbedsPi4jPrivately() throws Exception {
        Attributes manifest = manifest();
        assertThat(manifest.getValue("Export-Package")).startsWith("fr.mutualis.hardware.io;")
                .doesNotContain("com.pi4j").doesNotContain("org.slf4j").doesNotContain(".pi4j,");
        assertThat(manifest.getValue("Import-Package")).doesNotContain("com.pi4j").doesNotContain("org.slf4j");
        assertThat(manifest.getValue("Private-Package")).contains("com.pi4j.context.impl",
                "com.pi4j.plugin.mock.provider.gpio.digital", "org.slf4j", "fr.mutualis.hardware.io.pi4j");
        // Pi4J's plugin discovery files are left out: providers are registered by BoardPlatform.
        assertThat(Path.of("target", "classes", "META-INF", "services")).doesNotExist();
    }
}
