package fr.mutualis.hardware.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.hardware.simulator.downlink.DownlinkOptions;
import fr.mutualis.hardware.simulator.downlink.RealisticTxAckPolicy;
import fr.mutualis.hardware.simulator.downlink.TxAckPolicy;
import fr.mutualis.hardware.simulator.gwmp.Gwmp;
import fr.mutualis.hardware.simulator.mix.Malformation;
import fr.mutualis.hardware.simulator.mix.MixConfig;
import fr.mutualis.hardware.simulator.mix.MixPolicy;
import fr.mutualis.hardware.simulator.mix.TrafficMix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulatorCommandTest {

    @Test
    void mixModeSendsTheSeededMixAndWritesItsGroundTruth(@TempDir Path dir) throws Exception {
        Path truth = dir.resolve("truth.jsonl");
        try (FakeGateway gateway = new FakeGateway(FakeGateway.ACK_ALL)) {
            int exit = new CommandLine(new SimulatorCommand()).execute("--gateway", "127.0.0.1:" + gateway.address().getPort(),
                    "--mix", "--seed", "8", "--own-devices", "10", "--data-up", "40", "--alarm-share", "0.25",
                    "--bulk-share", "0.25", "--malformed", "bad-json=3,rxpk-missing-data=1", "--net-id", "000013",
                    "--join-eui-range", "4D55540000000000-4D555400FFFFFFFF", "--alarm-ports", "99,98",
                    "--rate-limit", "6", "--ground-truth", truth.toString(), "--pull-interval", "1");

            assertThat(exit).isZero();
            MixConfig config = MixConfig.builder().seed(8).ownDevices(10).alarmDataUp(10).normalDataUp(20).bulkDataUp(10)
                    .malformed(Malformation.BAD_JSON, 3).malformed(Malformation.RXPK_MISSING_DATA, 1).build();
            TrafficMix expected = TrafficMix.generate(config, MixPolicy.defaults()
                    .withAlarmFPorts(Set.of(98, 99)).withRateLimit(6, Duration.ofHours(1)));
            List<FakeGateway.Received> pushes = gateway.await(d -> d.identifier() == Gwmp.PUSH_DATA,
                    expected.datagrams().size(), Duration.ofSeconds(5));
            assertThat(pushes).hasSameSizeAs(expected.datagrams());
            for (int i = 0; i < pushes.size(); i++) {
                assertThat(pushes.get(i).bytes()).isEqualTo(expected.datagrams().get(i).bytes());
            }
            assertThat(gateway.received()).anyMatch(d -> d.identifier() == Gwmp.PULL_DATA);
            String log = Files.readString(truth);
            assertThat(log).startsWith(expected.groundTruth().toJsonLines()).contains("\"type\":\"play\"");
        }
    }

    @Test
    void plainModeStillSendsCountedUplinks() throws Exception {
        try (FakeGateway gateway = new FakeGateway(FakeGateway.ACK_ALL)) {
            int exit = new CommandLine(new SimulatorCommand()).execute("--gateway", "127.0.0.1:" + gateway.address().getPort(),
                    "--count", "3", "--interval-ms", "0", "--devices", "2", "--pull-interval", "0");

            assertThat(exit).isZero();
            assertThat(gateway.await(d -> d.identifier() == Gwmp.PUSH_DATA, 3, Duration.ofSeconds(5))).hasSize(3);
            assertThat(gateway.received()).noneMatch(d -> d.identifier() == Gwmp.PULL_DATA);
        }
    }

    @Test
    void txAckOptionsMapToPolicies() {
        DownlinkCliOptions options = new DownlinkCliOptions();
        new CommandLine(options).parseArgs("--tx-ack", "too_late", "--pull-interval", "3");

        DownlinkOptions parsed = options.options();
        assertThat(parsed.keepAlive()).isEqualTo(Duration.ofSeconds(3));
        assertThat(parsed.txAckPolicy().decide(null, 0)).hasToString("TOO_LATE");
        assertThat(TxAckPolicy.parse("realistic")).isInstanceOf(RealisticTxAckPolicy.class);
    }
}
