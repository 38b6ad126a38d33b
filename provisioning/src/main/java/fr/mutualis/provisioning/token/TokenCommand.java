package fr.mutualis.provisioning.token;

import picocli.CommandLine.Command;

/** {@code mutualis token}: single-use enrolment tokens, created before an installation. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Jetons d'enrôlement des passerelles / gateway enrolment tokens.",
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenCancelCommand.class})
public final class TokenCommand {
}
