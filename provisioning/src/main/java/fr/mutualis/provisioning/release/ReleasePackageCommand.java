package fr.mutualis.provisioning.release;

import fr.mutualis.gateway.release.pkg.DeploymentPackage;
import fr.mutualis.gateway.release.pkg.PackageWriter;
import fr.mutualis.gateway.release.pkg.ReleaseVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mutualis release package --bundles DIR --version V --out FILE}: a complete bundle set as a deployment package. */
@Command(name = "package", mixinStandardHelpOptions = true,
        description = "Assemble un jeu complet de bundles en paquet de déploiement / packages a complete bundle set.")
public final class ReleasePackageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bundles", required = true, paramLabel = "<dossier>",
            description = "Le dossier bundles/ de la version (tous ses bundles) / the release's bundles directory.")
    Path bundles;

    @Option(names = "--version", required = true, paramLabel = "<version>",
            description = "Version OSGi de la version, ex. 1.4.0 / the release's OSGi version.")
    String version;

    @Option(names = "--out", required = true, paramLabel = "<fichier.dp>", description = "Paquet à écrire / package to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ReleaseOutput output = new ReleaseOutput(spec);
        ReleaseVersion release;
        try {
            release = ReleaseVersion.parse(version);
        } catch (IllegalArgumentException e) {
            return output.refused("release.version.invalid", version, e.getMessage());
        }
        if (!Files.isDirectory(bundles)) {
            return output.refused("release.bundles.missing", bundles);
        }
        DeploymentPackage written;
        try {
            written = PackageWriter.write(bundles, release, out);
        } catch (IllegalArgumentException e) {
            Files.deleteIfExists(out);
            return output.refused("release.package.invalid", e.getMessage());
        }
        return output.done("release.packaged", out, release, written.bundles().size(), Files.size(out));
    }
}
