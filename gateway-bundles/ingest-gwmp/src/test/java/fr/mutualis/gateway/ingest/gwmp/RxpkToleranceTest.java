package fr.mutualis.gateway.ingest.gwmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What real forwarders send beyond Semtech's reference must be read, not rejected. */
class RxpkToleranceTest {

    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    private RxpkDecoder.Decoded decode(String json) throws MalformedPacketException {
        return new RxpkDecoder().decode(json.getBytes(StandardCharsets.UTF_8), now);
    }

    @Test
    void readsNumbersWrittenAsStrings() throws Exception {
        RxpkDecoder.Decoded decoded = decode("""
                {"rxpk":[{"freq":"868.1","rssi":"-57","lsnr":"7.5","tmst":"4000000000","stat":"1","chan":"2",
                  "size":"4","data":"QAECAw=="}]}""");

        assertThat(decoded.frames()).singleElement().satisfies(frame -> {
            assertThat(frame.radio().frequencyHz()).isEqualTo(868_100_000L);
            assertThat(frame.radio().rssi()).isEqualTo(-57);
            assertThat(frame.radio().snr()).isEqualTo(7.5);
            assertThat(frame.radio().concentratorTimestamp()).isEqualTo(4_000_000_000L);
            assertThat(frame.radio().crcStatus()).isEqualTo(1);
            assertThat(frame.radio().channel()).isEqualTo(2);
        });
        assertThat(decoded.rejections()).isEmpty();
    }

    @Test
    void takesSignalFromTheBestAntennaWhenOnlyRsigCarriesIt() throws Exception {
        RxpkDecoder.Decoded decoded = decode("""
                {"rxpk":[{"tmst":12,"freq":867.5,"brd":0,"modu":"LORA","datr":"SF10BW125","codr":"4/5","stat":1,
                  "size":4,"data":"QAECAw==","ftime":123456789,"tmms":1447000000123,
                  "rsig":[{"ant":0,"chan":5,"rssic":-110,"lsnr":-12.5,"etime":"YWJjZA=="},
                          {"ant":1,"chan":13,"rssic":-101,"lsnr":-3.0}],
                  "meta":{"gateway_name":"mairie","network":"x"}}]}""");

        assertThat(decoded.frames()).singleElement().satisfies(frame -> {
            assertThat(frame.radio().antenna()).isEqualTo(1);
            assertThat(frame.radio().rssi()).isEqualTo(-101);
            assertThat(frame.radio().snr()).isEqualTo(-3.0);
            assertThat(frame.radio().fineTimestampNanos()).isEqualTo(123_456_789L);
            assertThat(frame.radio().gpsTimeMillis()).isEqualTo(1_447_000_000_123L);
        });
    }

    @Test
    void keepsLrFhssAndFskDataRatesAsText() throws Exception {
        RxpkDecoder.Decoded decoded = decode("""
                {"rxpk":[{"freq":868.5,"modu":"LR-FHSS","datr":"M0CW137","codr":"2/3","hpw":8,"stat":1,"size":4,
                          "data":"QAECAw=="},
                         {"freq":868.8,"modu":"FSK","datr":50000,"stat":1,"size":4,"data":"QAECBA=="}]}""");

        assertThat(decoded.frames()).extracting(f -> f.radio().modulation() + " " + f.radio().dataRate())
                .containsExactly("LR-FHSS M0CW137", "FSK 50000");
    }

    @Test
    void rejectsNonObjectEntriesOneByOne() throws Exception {
        RxpkDecoder.Decoded decoded = decode("""
                {"rxpk":[7,"x",{"size":4,"data":"QAECAw=="}]}""");

        assertThat(decoded.frames()).hasSize(1);
        assertThat(decoded.rejections()).containsExactly("rxpk-not-object", "rxpk-not-object");
    }

    @Test
    void sumsStatReportsIntoConcentratorMetrics() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ConcentratorStatistics statistics = new ConcentratorStatistics();
        statistics.record(mapper.readTree("""
                {"time":"2026-11-22 10:00:00 GMT","lati":48.11,"long":-1.68,"alti":40,"rxnb":10,"rxok":8,"rxfw":7,
                 "ackr":100.0,"dwnb":1,"txnb":1,"temp":41.5}"""), 0);
        statistics.record(mapper.readTree("""
                {"rxnb":"5","rxok":5,"rxfw":5,"ackr":50,"dwnb":0,"txnb":0}"""), 30_000_000_000L);
        Map<String, Number> metrics = new TreeMap<>();

        statistics.addTo(metrics, 40_000_000_000L);

        assertThat(metrics).containsEntry("concentrator.stat.reports", 2L).containsEntry("concentrator.rxnb", 15L)
                .containsEntry("concentrator.rxok", 13L).containsEntry("concentrator.rxfw", 12L)
                .containsEntry("concentrator.txnb", 1L).containsEntry("concentrator.ackr.percent", 50.0)
                .containsEntry("concentrator.stat.age.seconds", 10L)
                .doesNotContainKey("concentrator.temperature");
    }
}
