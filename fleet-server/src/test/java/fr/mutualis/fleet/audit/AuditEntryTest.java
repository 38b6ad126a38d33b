package fr.mutualis.fleet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.contract.DownlinkRequest;
import fr.mutualis.contract.Txpk;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worked example of docs/audit.md. The expected texts and hashes were produced by a separate
 * implementation of the documented rules (a few lines of Python's json and hashlib), not by this code.
 */
class AuditEntryTest {

    static final String GENESIS = AuditEntry.GENESIS_HASH;
    static final String HASH_1 = "2150fb83fb4048c26f1fd7b8246d07358b5e5a1cd0daef84be525726e704f0f7";
    static final String HASH_2 = "96cd39ccd0077e6c3a9eb06aef102f6fcff778cac6a264eb27886a02447e090d";
    static final String HASH_3 = "9061913c98ce1a616f820737ad0bc15d5ee34829c96e8688a19d34d9c7133842";

    private final JsonMapper mapper = JsonMapper.builder().build();

    private AuditEntry first() {
        Txpk txpk = mapper.readValue("""
                {"imme":true,"freq":869.525,"powe":14,"modu":"LORA","datr":"SF9BW125","codr":"4/5","data":"YAECAw=="}""",
                Txpk.class);
        DownlinkRequest request = new DownlinkRequest(1, "5f0c3b8e-2d0a-4c59-9d7e-6a1f2b3c4d5e",
                Instant.parse("2026-11-22T14:15:12.004410Z"), txpk);
        return AuditEntry.chained(1, Instant.parse("2026-11-22T14:15:12.004517893Z"), "anonymous", "downlink.queue",
                "gateway", "gw-rennes-mairie", "35238", "null", CanonicalJson.write(mapper.valueToTree(request)),
                GENESIS, GENESIS);
    }

    @Test
    void theFirstEntryOfTheWorkedExample() {
        AuditEntry entry = first();
        assertThat(entry.content()).isEqualTo("""
                {"action":"downlink.queue","actor":"anonymous","after":{"id":"5f0c3b8e-2d0a-4c59-9d7e-6a1f2b3c4d5e",\
                "queuedAt":"2026-11-22T14:15:12.004410Z","txpk":{"codr":"4/5","data":"YAECAw==","datr":"SF9BW125",\
                "freq":869.525,"imme":true,"modu":"LORA","powe":14},"v":1},"at":"2026-11-22T14:15:12.004517Z",\
                "before":null,"commune":"35238","communePrevHash":"%s","prevHash":"%s","seq":1,\
                "targetId":"gw-rennes-mairie","targetType":"gateway","v":1}""".formatted(GENESIS, GENESIS));
        assertThat(entry.hash()).isEqualTo(HASH_1);
        assertThat(entry.at()).as("truncated to PostgreSQL's microseconds").isEqualTo("2026-11-22T14:15:12.004517Z");
    }

    @Test
    void aSyndicateWideEntryAndALaterEntryOfTheSameCommune() {
        AuditEntry second = AuditEntry.chained(2, Instant.parse("2026-11-22T14:20:00Z"), "Élodie Le Gall",
                "user.create", "user", "elodie.legall", null, "null",
                CanonicalJson.write(CanonicalJson.parse("{\"role\":\"SYNDICATE_OPERATOR\",\"communes\":[]}")),
                HASH_1, null);
        assertThat(second.content()).isEqualTo("""
                {"action":"user.create","actor":"Élodie Le Gall","after":{"communes":[],"role":"SYNDICATE_OPERATOR"},\
                "at":"2026-11-22T14:20:00.000000Z","before":null,"commune":null,"communePrevHash":null,\
                "prevHash":"%s","seq":2,"targetId":"elodie.legall","targetType":"user","v":1}""".formatted(HASH_1));
        assertThat(second.hash()).isEqualTo(HASH_2);

        AuditEntry third = AuditEntry.chained(3, Instant.parse("2026-11-22T14:21:30.25Z"), "Élodie Le Gall",
                "gateway.tags", "gateway", "gw-rennes-mairie", "35238", "{\"tags\":[\"eclairage\"]}",
                "{\"tags\":[\"eclairage\",\"mairie\"]}", HASH_2, HASH_1);
        assertThat(third.hash()).isEqualTo(HASH_3);
    }

    @Test
    void anExportLineIsTheContentWithTheHashMemberInItsCanonicalPlace() {
        AuditEntry entry = first();
        String line = entry.exportLine();
        assertThat(line).contains("\"communePrevHash\":\"" + GENESIS + "\",\"hash\":\"" + HASH_1 + "\",\"prevHash\"");
        assertThat(line.replace("\"hash\":\"" + HASH_1 + "\",", "")).isEqualTo(entry.content());
        assertThat(AuditExportLine.parse(line)).isEqualTo(entry);
    }
}
