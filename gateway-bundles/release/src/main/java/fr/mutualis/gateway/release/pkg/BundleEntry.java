package fr.mutualis.gateway.release.pkg;

/** One bundle of a package: its entry path ({@code bundles/<file>.jar}) and what its manifest declares. */
public record BundleEntry(String path, String symbolicName, String version) {

    /** The file name the bundle gets in a generation's bundle directory. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
