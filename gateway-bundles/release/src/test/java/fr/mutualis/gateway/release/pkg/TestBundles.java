package fr.mutualis.gateway.release.pkg;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small bundle jars and hand-made archives for the package tests. */
final class TestBundles {

    private TestBundles() {
    }

    static Path bundle(Path dir, String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName + ";singleton:=true");
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        Path jar = dir.resolve(symbolicName + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("readme.txt"));
            out.write(("bundle " + symbolicName).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** A package written entry by entry, to build the malformed ones the writer never would. */
    static Path archive(Path file, String manifest, Object... namesAndContents) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(stream)) {
            if (manifest != null) {
                zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
                zip.write(manifest.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndContents[i]));
                Object content = namesAndContents[i + 1];
                zip.write(content instanceof Path path ? Files.readAllBytes(path) : (byte[]) content);
                zip.closeEntry();
            }
        }
        return file;
    }

    static String manifest(String version, String... sections) {
        StringBuilder text = new StringBuilder("Manifest-Version: 1.0\r\nDeploymentPackage-SymbolicName: fr.mutualis.gateway\r\n"
                + "DeploymentPackage-Version: " + version + "\r\n\r\n");
        for (String section : sections) {
            text.append(section).append("\r\n\r\n");
        }
        return text.toString();
    }

    static String section(String path, String symbolicName, String version) {
        return "Name: " + path + "\r\nBundle-SymbolicName: " + symbolicName + "\r\nBundle-Version: " + version;
    }
}
