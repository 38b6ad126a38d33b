package fr.mutualis.gateway.release.pkg;

import java.util.List;

/**
 * What a release package declares, once read and checked by {@link PackageReader}: always a
 * complete bundle set (fix packs are refused), so installing it never depends on what ran before.
 */
public record DeploymentPackage(String symbolicName, ReleaseVersion version, List<BundleEntry> bundles) {

    /** The {@code DeploymentPackage-SymbolicName} of every Mutualis gateway release. */
    public static final String GATEWAY_SYMBOLIC_NAME = "fr.mutualis.gateway";

    static final String HEADER_SYMBOLIC_NAME = "DeploymentPackage-SymbolicName";
    static final String HEADER_VERSION = "DeploymentPackage-Version";
    static final String HEADER_FIX_PACK = "DeploymentPackage-FixPack";
    static final String BUNDLE_SYMBOLIC_NAME = "Bundle-SymbolicName";
    static final String BUNDLE_VERSION = "Bundle-Version";
    static final String BUNDLES_FOLDER = "bundles/";

    public DeploymentPackage {
        bundles = List.copyOf(bundles);
    }
}
