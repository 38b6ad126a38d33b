package fr.mutualis.provisioning.release;

import fr.mutualis.gateway.release.pkg.ReleaseKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mutualis release keygen --out DIR}: a new Ed25519 release key pair, as OpenSSL would write it. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Crée la clé de signature des versions (Ed25519) / creates the release signing key (Ed25519).")
public final class ReleaseKeygenCommand implements Callable<Integer> {

    static final String PRIVATE_FILE = "release-key.pem";
    static final String PUBLIC_FILE = "release-public.pem";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "<dossier>",
            description = "Dossier où écrire release-key.pem et release-public.pem / directory for both files.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ReleaseOutput output = new ReleaseOutput(spec);
        Path privateFile = out.resolve(PRIVATE_FILE);
        Path publicFile = out.resolve(PUBLIC_FILE);
        if (Files.exists(privateFile) || Files.exists(publicFile)) {
            // never overwrite a release key: every gateway trusts the one that exists
            return output.refused("release.key.exists", privateFile);
        }
        KeyPair keys = ReleaseKeys.generate();
        Files.createDirectories(out);
        Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(privateFile, ReleaseKeys.privateKeyPem(keys.getPrivate()), StandardCharsets.US_ASCII);
        Files.writeString(publicFile, ReleaseKeys.publicKeyPem(keys.getPublic()), StandardCharsets.US_ASCII);
        return output.done("release.key.created", privateFile, publicFile);
    }
}
