package fr.mutualis.provisioning.release;

import fr.mutualis.gateway.release.pkg.PackageVerifier;
import fr.mutualis.gateway.release.pkg.ReleaseKeys;
import fr.mutualis.gateway.release.pkg.ReleaseSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mutualis release sign --key release-key.pem FILE}: writes {@code FILE.sig}, the base64 Ed25519 signature. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Signe un paquet (écrit FICHIER.sig) / signs a package (writes FILE.sig).")
public final class ReleaseSignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "<release-key.pem>",
            description = "Clé privée de signature des versions / the release private key.")
    Path key;

    @Parameters(index = "0", paramLabel = "<fichier.dp>", description = "Paquet à signer / package to sign.")
    Path file;

    @Override
    public Integer call() throws Exception {
        ReleaseOutput output = new ReleaseOutput(spec);
        if (!Files.isRegularFile(file)) {
            return output.refused("release.file.missing", file);
        }
        PrivateKey privateKey;
        try {
            privateKey = ReleaseKeys.readPrivateKey(key);
        } catch (java.io.IOException | GeneralSecurityException e) {
            return output.refused("release.key.unreadable", key, e.getMessage());
        }
        Path signatureFile = file.resolveSibling(file.getFileName() + ".sig");
        Files.writeString(signatureFile, ReleaseSignature.sign(file, privateKey), StandardCharsets.US_ASCII);
        return output.done("release.signed", signatureFile, PackageVerifier.sha256(file), Files.size(file));
    }
}
