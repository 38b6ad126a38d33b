package fr.mutualis.gateway.console.page;

import java.util.Map;

/**
 * The console's words, French first (the technicians and commune staff are French) and English.
 * A key missing in one language is a programming error, caught by the tests.
 */
public final class Texts {

    public static final String FRENCH = "fr";
    public static final String ENGLISH = "en";

    static final Map<String, String> FR = Map.ofEntries(
            Map.entry("lang", "fr"),
            Map.entry("title", "Console locale de la passerelle"),
            Map.entry("login.title", "Connexion"),
            Map.entry("login.password", "Mot de passe (étiquette de la passerelle)"),
            Map.entry("login.submit", "Se connecter"),
            Map.entry("login.refused", "Mot de passe refusé."),
            Map.entry("login.locked", "Trop d'essais : réessayez dans %d s."),
            Map.entry("logout", "Se déconnecter"),
            Map.entry("switch.language", "English"),
            Map.entry("gateway", "Passerelle"),
            Map.entry("clock", "Heure de la passerelle"),
            Map.entry("clock.TRUSTED", "synchronisée"),
            Map.entry("clock.UNCERTAIN", "incertaine (éclairage en sécurité : allumé)"),
            Map.entry("clock.UNKNOWN", "inconnue (éclairage allumé)"),
            Map.entry("link.title", "Liaison et courtier"),
            Map.entry("link.connected", "Connectée à la flotte"),
            Map.entry("link.disconnected", "Hors ligne : les relevés sont conservés"),
            Map.entry("link.unknown", "État de la liaison inconnu (module de liaison absent)"),
            Map.entry("link.connects", "Connexions"),
            Map.entry("link.losses", "Pertes de connexion"),
            Map.entry("link.failures", "Échecs de connexion"),
            Map.entry("backlog.title", "Relevés en attente d'envoi"),
            Map.entry("backlog.count", "En attente"),
            Map.entry("backlog.oldest", "Plus ancien"),
            Map.entry("backlog.disk", "Sur le disque"),
            Map.entry("backlog.unknown", "Stockage non disponible"),
            Map.entry("readings.title", "Derniers relevés"),
            Map.entry("readings.none", "Aucun relevé reçu depuis le démarrage."),
            Map.entry("readings.time", "Reçu à"),
            Map.entry("readings.device", "Capteur (DevAddr)"),
            Map.entry("readings.fcnt", "Compteur"),
            Map.entry("readings.radio", "RSSI / SNR"),
            Map.entry("readings.lane", "File"),
            Map.entry("outputs.title", "Sorties"),
            Map.entry("outputs.none", "Aucune sortie configurée."),
            Map.entry("on", "allumé"),
            Map.entry("off", "éteint"),
            Map.entry("lighting.title", "Éclairage"),
            Map.entry("lighting.none", "Aucun circuit d'éclairage configuré."),
            Map.entry("lighting.circuit", "Circuit"),
            Map.entry("lighting.schedule", "Programme"),
            Map.entry("lighting.override", "Forçage"),
            Map.entry("lighting.applied", "Sortie"),
            Map.entry("lighting.until", "jusqu'à %s"),
            Map.entry("lighting.force.on", "Forcer allumé"),
            Map.entry("lighting.force.off", "Forcer éteint"),
            Map.entry("lighting.for", "pendant"),
            Map.entry("lighting.hours", "h"),
            Map.entry("lighting.clear", "Revenir au programme"),
            Map.entry("lighting.done", "Forçage enregistré."),
            Map.entry("lighting.cleared", "Retour au programme."),
            Map.entry("lighting.refused", "Forçage refusé : %s"),
            Map.entry("enrolment.title", "Enrôlement"),
            Map.entry("enrolment.intro", "Cette passerelle n'a pas encore d'identité. Collez l'adresse d'enrôlement"
                    + " du jeton (ligne « Adresse d'enrôlement », ou le contenu du QR code) : la passerelle vérifie le"
                    + " serveur avec l'empreinte qu'elle contient, s'enrôle, puis se connecte. Suivez-le dans le journal"
                    + " récent ci-dessous."),
            Map.entry("enrolment.invitation", "Adresse d'enrôlement"),
            Map.entry("enrolment.gatewayId", "Identifiant de la passerelle (si le jeton n'en fixe pas)"),
            Map.entry("enrolment.submit", "Enrôler"),
            Map.entry("enrolment.saved", "Adresse d'enrôlement transmise : la passerelle s'enrôle (voir le journal récent)."),
            Map.entry("enrolment.refused", "Enrôlement refusé : %s"),
            Map.entry("enrolment.already", "cette passerelle a déjà une identité"),
            Map.entry("enrolment.invalid.empty", "l'adresse d'enrôlement est vide"),
            Map.entry("enrolment.invalid.address", "collez l'adresse d'enrôlement du jeton, de la forme"
                    + " https://…/enrol?code=…&ca=… (ligne « Adresse d'enrôlement » ou contenu du QR code)"),
            Map.entry("enrolment.invalid.id", "identifiant « %s » : 1 à 64 caractères parmi a-z, 0-9 et « - »,"
                    + " sans « - » au début ; laissez vide si le jeton fixe l'identifiant"),
            Map.entry("enrolment.unavailable", "la passerelle ne peut pas enregistrer l'adresse (%s) : redémarrez-la"
                    + " ou mettez enrolment.url dans son fichier de configuration"),
            Map.entry("reason.NIGHT", "nuit"),
            Map.entry("reason.DAY", "jour"),
            Map.entry("reason.CUT_OFF", "coupure de nuit"),
            Map.entry("reason.EXCEPTION_ALL_NIGHT", "exception : toute la nuit"),
            Map.entry("reason.EXCEPTION_OFF", "exception : éteint"),
            Map.entry("reason.EXCEPTION_WINDOW", "exception : plage horaire"),
            Map.entry("reason.EXCEPTION_OUTSIDE_WINDOW", "exception : hors plage"),
            Map.entry("reason.POLAR_NIGHT", "nuit polaire"),
            Map.entry("reason.MIDNIGHT_SUN", "soleil de minuit"),
            Map.entry("reason.CLOCK_UNCERTAIN_NIGHT", "heure incertaine : nuit élargie"),
            Map.entry("reason.CLOCK_UNCERTAIN_DAY", "heure incertaine : jour"),
            Map.entry("reason.CLOCK_UNKNOWN", "heure inconnue : allumé par sécurité"),
            Map.entry("checklist.title", "Contrôles d'installation"),
            Map.entry("check.identity", "Identité de la passerelle configurée"),
            Map.entry("check.concentrator", "Concentrateur LoRa entendu"),
            Map.entry("check.readings", "Au moins un relevé reçu"),
            Map.entry("check.fleet", "Connectée à la flotte"),
            Map.entry("check.clock", "Heure synchronisée"),
            Map.entry("check.outputs", "Sorties configurées"),
            Map.entry("check.disk", "Espace disque suffisant"),
            Map.entry("check.ok", "OK"),
            Map.entry("check.fail", "À vérifier"),
            Map.entry("check.unknown", "Inconnu"),
            Map.entry("actions.title", "Actions locales récentes"),
            Map.entry("actions.none", "Aucune action depuis le démarrage."),
            Map.entry("logs.title", "Journal récent"),
            Map.entry("logs.none", "Journal indisponible."),
            Map.entry("metrics.title", "Tous les compteurs"),
            Map.entry("error.csrf", "Formulaire expiré : rechargez la page."),
            Map.entry("error.input", "Requête invalide : %s"));

    static final Map<String, String> EN = Map.ofEntries(
            Map.entry("lang", "en"),
            Map.entry("title", "Gateway local console"),
            Map.entry("login.title", "Sign in"),
            Map.entry("login.password", "Password (gateway label)"),
            Map.entry("login.submit", "Sign in"),
            Map.entry("login.refused", "Password refused."),
            Map.entry("login.locked", "Too many attempts: try again in %d s."),
            Map.entry("logout", "Sign out"),
            Map.entry("switch.language", "Français"),
            Map.entry("gateway", "Gateway"),
            Map.entry("clock", "Gateway time"),
            Map.entry("clock.TRUSTED", "synchronised"),
            Map.entry("clock.UNCERTAIN", "uncertain (lighting fails safe: on)"),
            Map.entry("clock.UNKNOWN", "unknown (lighting on)"),
            Map.entry("link.title", "Link and broker"),
            Map.entry("link.connected", "Connected to the fleet"),
            Map.entry("link.disconnected", "Offline: readings are kept"),
            Map.entry("link.unknown", "Link state unknown (uplink bundle absent)"),
            Map.entry("link.connects", "Connections"),
            Map.entry("link.losses", "Connection losses"),
            Map.entry("link.failures", "Connection failures"),
            Map.entry("backlog.title", "Readings waiting to be sent"),
            Map.entry("backlog.count", "Waiting"),
            Map.entry("backlog.oldest", "Oldest"),
            Map.entry("backlog.disk", "On disk"),
            Map.entry("backlog.unknown", "Store not available"),
            Map.entry("readings.title", "Last readings"),
            Map.entry("readings.none", "No reading received since start."),
            Map.entry("readings.time", "Received at"),
            Map.entry("readings.device", "Sensor (DevAddr)"),
            Map.entry("readings.fcnt", "Counter"),
            Map.entry("readings.radio", "RSSI / SNR"),
            Map.entry("readings.lane", "Lane"),
            Map.entry("outputs.title", "Outputs"),
            Map.entry("outputs.none", "No output configured."),
            Map.entry("on", "on"),
            Map.entry("off", "off"),
            Map.entry("lighting.title", "Lighting"),
            Map.entry("lighting.none", "No lighting circuit configured."),
            Map.entry("lighting.circuit", "Circuit"),
            Map.entry("lighting.schedule", "Schedule"),
            Map.entry("lighting.override", "Override"),
            Map.entry("lighting.applied", "Output"),
            Map.entry("lighting.until", "until %s"),
            Map.entry("lighting.force.on", "Force on"),
            Map.entry("lighting.force.off", "Force off"),
            Map.entry("lighting.for", "for"),
            Map.entry("lighting.hours", "h"),
            Map.entry("lighting.clear", "Back to schedule"),
            Map.entry("lighting.done", "Override saved."),
            Map.entry("lighting.cleared", "Back to schedule."),
            Map.entry("lighting.refused", "Override refused: %s"),
            Map.entry("enrolment.title", "Enrolment"),
            Map.entry("enrolment.intro", "This gateway has no identity yet. Paste the token's enrolment address (its"
                    + " \"Enrolment address\" line, or what the QR code holds): the gateway checks the server against the"
                    + " fingerprint it contains, enrols, then connects. Follow it in the recent log below."),
            Map.entry("enrolment.invitation", "Enrolment address"),
            Map.entry("enrolment.gatewayId", "Gateway id (if the token does not set one)"),
            Map.entry("enrolment.submit", "Enrol"),
            Map.entry("enrolment.saved", "Enrolment address handed over: the gateway is enrolling (see the recent log)."),
            Map.entry("enrolment.refused", "Enrolment refused: %s"),
            Map.entry("enrolment.already", "this gateway already has an identity"),
            Map.entry("enrolment.invalid.empty", "the enrolment address is empty"),
            Map.entry("enrolment.invalid.address", "paste the token's enrolment address, of the form"
                    + " https://…/enrol?code=…&ca=… (its \"Enrolment address\" line or what its QR code holds)"),
            Map.entry("enrolment.invalid.id", "gateway id '%s': 1 to 64 characters among a-z, 0-9 and '-', not"
                    + " starting with '-'; leave it empty if the token sets the id"),
            Map.entry("enrolment.unavailable", "the gateway cannot store the address (%s): restart it or put"
                    + " enrolment.url in its configuration file"),
            Map.entry("reason.NIGHT", "night"),
            Map.entry("reason.DAY", "day"),
            Map.entry("reason.CUT_OFF", "night cut-off"),
            Map.entry("reason.EXCEPTION_ALL_NIGHT", "exception: all night"),
            Map.entry("reason.EXCEPTION_OFF", "exception: off"),
            Map.entry("reason.EXCEPTION_WINDOW", "exception: time window"),
            Map.entry("reason.EXCEPTION_OUTSIDE_WINDOW", "exception: outside window"),
            Map.entry("reason.POLAR_NIGHT", "polar night"),
            Map.entry("reason.MIDNIGHT_SUN", "midnight sun"),
            Map.entry("reason.CLOCK_UNCERTAIN_NIGHT", "uncertain time: widened night"),
            Map.entry("reason.CLOCK_UNCERTAIN_DAY", "uncertain time: day"),
            Map.entry("reason.CLOCK_UNKNOWN", "unknown time: on for safety"),
            Map.entry("checklist.title", "Installation checks"),
            Map.entry("check.identity", "Gateway identity configured"),
            Map.entry("check.concentrator", "LoRa concentrator heard"),
            Map.entry("check.readings", "At least one reading received"),
            Map.entry("check.fleet", "Connected to the fleet"),
            Map.entry("check.clock", "Clock synchronised"),
            Map.entry("check.outputs", "Outputs configured"),
            Map.entry("check.disk", "Enough disk space"),
            Map.entry("check.ok", "OK"),
            Map.entry("check.fail", "To check"),
            Map.entry("check.unknown", "Unknown"),
            Map.entry("actions.title", "Recent local actions"),
            Map.entry("actions.none", "No action since start."),
            Map.entry("logs.title", "Recent log"),
            Map.entry("logs.none", "Log unavailable."),
            Map.entry("metrics.title", "All counters"),
            Map.entry("error.csrf", "Form expired: reload the page."),
            Map.entry("error.input", "Invalid request: %s"));

    private final Map<String, String> words;

    private Texts(Map<String, String> words) {
        this.words = words;
    }

    /** French unless English is asked for. */
    public static Texts of(String language) {
        return new Texts(ENGLISH.equals(language) ? EN : FR);
    }

    public String language() {
        return words.get("lang");
    }

    public String get(String key) {
        String text = words.get(key);
        return text != null ? text : key;
    }

    public String format(String key, Object... args) {
        return String.format(get(key), args);
    }
}
