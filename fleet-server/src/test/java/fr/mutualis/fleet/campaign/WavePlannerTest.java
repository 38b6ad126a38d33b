package fr.mutualis.fleet.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WavePlannerTest {

    private static List<String> gateways(int n) {
        return IntStream.range(0, n).mapToObj(i -> "gw-%03d".formatted(i)).toList();
    }

    @Test
    void canariesFirstThenCumulativePercentagesOfTheRest() {
        List<String> targets = gateways(63);
        List<List<String>> waves = WavePlanner.plan(targets, List.of("gw-010", "gw-020", "gw-030"), List.of(10, 50, 100));
        assertThat(waves).hasSize(4);
        assertThat(waves.get(0)).containsExactly("gw-010", "gw-020", "gw-030");
        // 60 others: 10 % = 6, up to 50 % = 30 (24 more), the remaining 30
        assertThat(waves.get(1)).hasSize(6).doesNotContain("gw-010").startsWith("gw-000");
        assertThat(waves.get(2)).hasSize(24);
        assertThat(waves.get(3)).hasSize(30).endsWith("gw-062");
        assertThat(waves.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(targets);
    }

    @Test
    void roundsUpSoThatASmallFleetsFirstWaveIsNeverEmpty() {
        List<List<String>> waves = WavePlanner.plan(gateways(5), List.of(), List.of(10, 50, 100));
        // ceil(0.5) = 1, ceil(2.5) = 3 (2 more), then the last 2
        assertThat(waves).extracting(List::size).containsExactly(1, 2, 2);
    }

    @Test
    void percentagesThatAddNoGatewayMakeNoWave() {
        List<List<String>> waves = WavePlanner.plan(gateways(2), List.of(), List.of(1, 2, 3, 100));
        assertThat(waves).extracting(List::size).containsExactly(1, 1);
        assertThat(WavePlanner.plan(gateways(3), List.of("gw-000", "gw-001", "gw-002"), List.of(10, 100)))
                .as("only canaries: one wave").hasSize(1);
    }

    @Test
    void oneHundredPercentIsOneWave() {
        assertThat(WavePlanner.plan(gateways(7), List.of(), List.of(100))).hasSize(1).first().asList().hasSize(7);
    }

    @Test
    void refusesPercentagesThatDoNotIncreaseToOneHundred() {
        for (List<Integer> wrong : List.of(List.<Integer>of(), List.of(10, 50), List.of(50, 10, 100), List.of(0, 100),
                List.of(10, 10, 100), List.of(10, 150))) {
            assertThatThrownBy(() -> WavePlanner.plan(gateways(10), List.of(), wrong)).as(wrong.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("waves:");
        }
    }

    @Test
    void refusesCanariesThatAreNotTargetsOrNamedTwice() {
        assertThatThrownBy(() -> WavePlanner.plan(gateways(10), List.of("gw-elsewhere"), List.of(100)))
                .hasMessageContaining("gw-elsewhere is not among the campaign's targets");
        assertThatThrownBy(() -> WavePlanner.plan(gateways(10), List.of("gw-001", "gw-001"), List.of(100)))
                .hasMessageContaining("named twice");
    }
}
