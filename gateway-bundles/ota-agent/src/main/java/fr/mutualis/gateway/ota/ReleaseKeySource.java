package fr.mutualis.gateway.ota;

import fr.mutualis.gateway.release.pkg.ReleaseKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;

/**
 * The syndicate's release public key, installed on the gateway by the installer. Read at each
 * update, so that a key installed or rotated later is used without a restart. Without a key the
 * gateway accepts no release at all: an unsigned update path must not exist.
 */
final class ReleaseKeySource {

    private final Path file;

    /** @param file the PEM file, or null when none is configured */
    ReleaseKeySource(Path file) {
        this.file = file;
    }

    PublicKey load() throws UpdateFailure {
        if (file == null) {
            throw UpdateFailure.refused("no release public key is installed on this gateway (installer setting "
                    + "ota.release.key.file): every release is refused");
        }
        if (!Files.isReadable(file)) {
            throw UpdateFailure.refused("the release public key file " + file + " cannot be read: every release is refused");
        }
        try {
            return ReleaseKeys.readPublicKey(file);
        } catch (IOException | GeneralSecurityException e) {
            throw UpdateFailure.refused("the release public key " + file + " is not an Ed25519 public key (PEM): " + e.getMessage());
        }
    }
}
