package fr.mutualis.hardware.simulator;

import fr.mutualis.hardware.simulator.lorawan.EuiRange;
import fr.mutualis.hardware.simulator.lorawan.NetId;
import fr.mutualis.hardware.simulator.mix.Malformation;
import fr.mutualis.hardware.simulator.mix.MixConfig;
import fr.mutualis.hardware.simulator.mix.MixPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/** The command-line options that shape a traffic mix and the gateway policy it is judged against. */
final class MixOptions {

    @Option(names = "--own-devices", defaultValue = "30", description = "Ordinary own devices (default ${DEFAULT-VALUE}).")
    int ownDevices;

    @Option(names = "--data-up", defaultValue = "200",
            description = "Data frames of ordinary own devices, all forwarded (default ${DEFAULT-VALUE}).")
    int dataUp;

    @Option(names = "--alarm-share", defaultValue = "0.1", description = "Share of them on an ALARM port (default ${DEFAULT-VALUE}).")
    double alarmShare;

    @Option(names = "--bulk-share", defaultValue = "0.15", description = "Share of them on a BULK port (default ${DEFAULT-VALUE}).")
    double bulkShare;

    @Option(names = "--join-requests", defaultValue = "10", description = "Join requests in the JoinEUI range (default ${DEFAULT-VALUE}).")
    int joinRequests;

    @Option(names = "--crc-failed", defaultValue = "8", description = "Frames with a CRC error, stat -1 (default ${DEFAULT-VALUE}).")
    int crcFailed;

    @Option(names = "--crc-missing", defaultValue = "4", description = "Frames without CRC, stat 0 (default ${DEFAULT-VALUE}).")
    int crcMissing;

    @Option(names = "--not-lorawan", defaultValue = "9", description = "Frames that are not LoRaWAN R1 (default ${DEFAULT-VALUE}).")
    int notLorawan;

    @Option(names = "--not-uplink", defaultValue = "9", description = "Neighbours' downlinks heard (default ${DEFAULT-VALUE}).")
    int notUplink;

    @Option(names = "--foreign-netid", defaultValue = "15", description = "Data frames of other networks (default ${DEFAULT-VALUE}).")
    int foreignNetId;

    @Option(names = "--foreign-joineui", defaultValue = "6",
            description = "Join requests outside the JoinEUI range (default ${DEFAULT-VALUE}).")
    int foreignJoinEui;

    @Option(names = "--chatty-devices", defaultValue = "2",
            description = "Devices that exceed the rate limit (default ${DEFAULT-VALUE}).")
    int chattyDevices;

    @Option(names = "--chatty-excess", defaultValue = "4",
            description = "Frames each chatty device sends beyond the limit (default ${DEFAULT-VALUE}).")
    int chattyExcess;

    @Option(names = "--duplicate-ratio", defaultValue = "0.1",
            description = "Share of forwarded frames heard twice within 50 ms (default ${DEFAULT-VALUE}).")
    double duplicateRatio;

    @Option(names = "--malformed-ratio",
            description = "Malformed datagrams and rxpk entries per good frame, spread over the six kinds "
                    + "(default: 2 of each kind).")
    Double malformedRatio;

    @Option(names = "--malformed", split = ",", paramLabel = "KIND=N",
            description = "Exact malformed counts, e.g. bad-json=3,rxpk-size-mismatch=1; kinds: bad-json, too-short, "
                    + "unknown-version, rxpk-bad-base64, rxpk-missing-data, rxpk-size-mismatch.")
    Map<String, Integer> malformed = new LinkedHashMap<>();

    @Option(names = "--max-frames-per-datagram", defaultValue = "4", description = "Default ${DEFAULT-VALUE}.")
    int maxFramesPerDatagram;

    @Option(names = "--plain-format", description = "Only protocol v2 and the classic rxpk fields (no format variety).")
    boolean plainFormat;

    @Option(names = "--start-time", defaultValue = "2026-11-22T10:00:00Z",
            description = "Receive time of the first frame, ISO 8601 or 'now' (default ${DEFAULT-VALUE}, for reproducible bytes).")
    String startTime;

    @Option(names = "--mean-spacing-ms", defaultValue = "120",
            description = "Mean virtual time between transmissions (default ${DEFAULT-VALUE}).")
    long meanSpacingMillis;

    @Option(names = "--net-id", defaultValue = "000013", description = "Own NetID, the gateway's allow-list (default ${DEFAULT-VALUE}).")
    String netId;

    @Option(names = "--join-eui-range", defaultValue = "4D55540000000000-4D555400FFFFFFFF",
            description = "Accepted JoinEUIs, FIRST-LAST (default ${DEFAULT-VALUE}).")
    String joinEuiRange;

    @Option(names = "--alarm-ports", split = ",", defaultValue = "99", description = "ALARM lane FPorts (default ${DEFAULT-VALUE}).")
    List<Integer> alarmPorts;

    @Option(names = "--bulk-ports", split = ",", defaultValue = "200", description = "BULK lane FPorts (default ${DEFAULT-VALUE}).")
    List<Integer> bulkPorts;

    @Option(names = "--rate-limit", defaultValue = "10",
            description = "Frames per device per rate period the gateway allows (default ${DEFAULT-VALUE}).")
    int rateLimit;

    @Option(names = "--rate-period", defaultValue = "PT1H", description = "Token-bucket refill period, ISO 8601 (default ${DEFAULT-VALUE}).")
    Duration ratePeriod;

    @Option(names = "--dedup-window-ms", defaultValue = "200", description = "Gateway dedup window (default ${DEFAULT-VALUE}).")
    long dedupWindowMillis;

    MixConfig config(long seed, long gatewayEui) {
        int alarm = (int) Math.round(dataUp * alarmShare);
        int bulk = (int) Math.round(dataUp * bulkShare);
        if (alarm + bulk > dataUp) {
            throw new IllegalArgumentException("--alarm-share plus --bulk-share exceed 1");
        }
        MixConfig.Builder builder = MixConfig.builder().seed(seed).gatewayEui(gatewayEui).ownDevices(ownDevices)
                .alarmDataUp(alarm).normalDataUp(dataUp - alarm - bulk).bulkDataUp(bulk).joinRequests(joinRequests)
                .crcFailed(crcFailed).crcMissing(crcMissing).notLorawan(notLorawan).notUplink(notUplink)
                .foreignNetId(foreignNetId).foreignJoinEui(foreignJoinEui).chattyDevices(chattyDevices)
                .chattyExcess(chattyExcess).duplicateRatio(duplicateRatio).maxFramesPerDatagram(maxFramesPerDatagram)
                .formatVariety(!plainFormat).meanSpacing(Duration.ofMillis(meanSpacingMillis))
                .startTime(startTime.equalsIgnoreCase("now") ? Instant.now() : Instant.parse(startTime));
        if (malformedRatio != null) {
            int frames = dataUp + joinRequests + crcFailed + crcMissing + notLorawan + notUplink + foreignNetId + foreignJoinEui;
            int total = (int) Math.round(frames * malformedRatio);
            Malformation[] kinds = Malformation.values();
            for (int k = 0; k < kinds.length; k++) {
                builder.malformed(kinds[k], total / kinds.length + (k < total % kinds.length ? 1 : 0));
            }
        }
        malformed.forEach((kind, count) -> builder.malformed(Malformation.parse(kind), count));
        return builder.build();
    }

    MixPolicy policy() {
        return new MixPolicy(NetId.parse(netId), EuiRange.parse(joinEuiRange), new TreeSet<>(alarmPorts),
                new TreeSet<>(bulkPorts), rateLimit, ratePeriod, Duration.ofMillis(dedupWindowMillis));
    }
}
