package fr.mutualis.provisioning.release;

import picocli.CommandLine.Command;

/**
 * {@code mutualis release}: the release manager's side of over-the-air updates — the Ed25519
 * release key, packaging a bundle set as a deployment package, signing it, checking a signature.
 * JDK only, runs on an offline machine: the private key never needs to meet the fleet.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Paquets de mise à jour signés des passerelles / signed gateway release packages.",
        subcommands = {ReleaseKeygenCommand.class, ReleasePackageCommand.class, ReleaseSignCommand.class,
                ReleaseVerifyCommand.class})
public final class ReleaseCommand {
}
