package fr.mutualis.provisioning.release;

import fr.mutualis.gateway.release.pkg.DeploymentPackage;
import fr.mutualis.gateway.release.pkg.PackageLimits;
import fr.mutualis.gateway.release.pkg.PackageReader;
import fr.mutualis.gateway.release.pkg.PackageRefusedException;
import fr.mutualis.gateway.release.pkg.ReleaseKeys;
import fr.mutualis.gateway.release.pkg.ReleaseSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mutualis release verify --public-key release-public.pem FILE}: what a gateway will check
 * before installing — the signature in {@code FILE.sig}, then the package's content.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Vérifie la signature et le contenu d'un paquet / verifies a package's signature and content.")
public final class ReleaseVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--public-key", required = true, paramLabel = "<release-public.pem>",
            description = "Clé publique des versions / the release public key.")
    Path publicKey;

    @Option(names = "--signature", paramLabel = "<fichier.sig>", description = "Par défaut FICHIER.sig / default FILE.sig.")
    Path signature;

    @Parameters(index = "0", paramLabel = "<fichier.dp>", description = "Paquet à vérifier / package to verify.")
    Path file;

    @Override
    public Integer call() throws Exception {
        ReleaseOutput output = new ReleaseOutput(spec);
        Path signatureFile = signature != null ? signature : file.resolveSibling(file.getFileName() + ".sig");
        if (!Files.isRegularFile(file)) {
            return output.refused("release.file.missing", file);
        }
        if (!Files.isRegularFile(signatureFile)) {
            return output.refused("release.file.missing", signatureFile);
        }
        PublicKey key;
        try {
            key = ReleaseKeys.readPublicKey(publicKey);
        } catch (java.io.IOException | GeneralSecurityException e) {
            return output.refused("release.key.unreadable", publicKey, e.getMessage());
        }
        DeploymentPackage verified;
        try {
            ReleaseSignature.verify(file, Files.readString(signatureFile, StandardCharsets.US_ASCII), key);
            verified = new PackageReader(PackageLimits.GATEWAY).read(file);
        } catch (PackageRefusedException e) {
            return output.refused("release.refused", file, e.getMessage());
        }
        return output.done("release.verified", file, verified.version(), verified.bundles().size());
    }
}
