package fr.mutualis.hardware.simulator.mix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Builds a {@link TrafficMix}: devices, the shuffled sequence of transmissions with their ground
 * truth, then datagrams. Each stage draws from its own seeded random stream, so a mix depends on
 * the seed and the configuration only.
 */
final class MixGenerator {

    private record Slot(Category category, Lane lane, int device) {
    }

    private final MixConfig config;
    private final MixPolicy policy;

    MixGenerator(MixConfig config, MixPolicy policy) {
        this.config = config;
        this.policy = policy;
    }

    TrafficMix generate() {
        checkDevicesStayBelowTheRateLimit();
        Population population = Population.create(config, policy, stream(1));
        FrameFactory factory = new FrameFactory(policy, population, stream(2));
        Timeline timeline = new Timeline(config.startTime(), config.meanSpacing(), config.formatVariety(), stream(3));

        List<Slot> slots = slots(stream(4));
        Random pickDevice = stream(5);
        List<Entry> originals = new ArrayList<>();
        for (Slot slot : slots) {
            Entry entry = switch (slot.category()) {
                case DATA_UP -> factory.dataUp(population.ordinary.get(slot.device()), slot.lane());
                case CHATTY_DATA_UP -> factory.chattyDataUp(population.chatty.get(slot.device()));
                case JOIN_REQUEST -> factory.joinRequest(population.joining.get(slot.device()), false);
                case FOREIGN_JOINEUI -> factory.joinRequest(population.foreignJoining.get(slot.device()), true);
                case CRC_FAILED -> factory.crcFailed(population.ordinary.get(pickDevice.nextInt(config.ownDevices())));
                case CRC_MISSING -> factory.crcMissing(population.ordinary.get(pickDevice.nextInt(config.ownDevices())));
                case NOT_LORAWAN -> factory.notLorawan();
                case NOT_UPLINK -> factory.notUplink();
                case FOREIGN_NETID -> factory.foreignNetId();
                default -> throw new IllegalStateException("no slot of category " + slot.category());
            };
            timeline.stamp(entry);
            originals.add(entry);
        }
        List<DatagramPacker.Planned> planned = new DatagramPacker(config, stream(6), factory, timeline).pack(originals);
        List<MixDatagram> datagrams = new DatagramEncoder(config, stream(7), factory).encode(planned);
        return new TrafficMix(config, policy, datagrams, new GroundTruth(config, policy, datagrams, population.allOwn(),
                joinDevices(population)));
    }

    /**
     * One slot per transmission, shuffled. Ordinary devices take the data frames in turn, so none
     * reaches the rate limit; each chatty device gets the limit plus the configured excess.
     */
    private List<Slot> slots(Random random) {
        List<Lane> lanes = new ArrayList<>();
        lanes.addAll(Collections.nCopies(config.alarmDataUp(), Lane.ALARM));
        lanes.addAll(Collections.nCopies(config.normalDataUp(), Lane.NORMAL));
        lanes.addAll(Collections.nCopies(config.bulkDataUp(), Lane.BULK));
        Collections.shuffle(lanes, random);
        List<Integer> devices = new ArrayList<>();
        for (int d = 0; d < config.ownDevices(); d++) {
            devices.add(d);
        }
        Collections.shuffle(devices, random);

        List<Slot> slots = new ArrayList<>();
        for (int k = 0; k < lanes.size(); k++) {
            slots.add(new Slot(Category.DATA_UP, lanes.get(k), devices.get(k % devices.size())));
        }
        for (int c = 0; c < config.chattyDevices(); c++) {
            for (int k = 0; k < policy.rateLimitFrames() + config.chattyExcess(); k++) {
                slots.add(new Slot(Category.CHATTY_DATA_UP, Lane.NORMAL, c));
            }
        }
        for (int j = 0; j < config.joinRequests(); j++) {
            slots.add(new Slot(Category.JOIN_REQUEST, Lane.NORMAL, j));
        }
        for (int j = 0; j < config.foreignJoinEui(); j++) {
            slots.add(new Slot(Category.FOREIGN_JOINEUI, null, j));
        }
        repeat(slots, Category.CRC_FAILED, config.crcFailed());
        repeat(slots, Category.CRC_MISSING, config.crcMissing());
        repeat(slots, Category.NOT_LORAWAN, config.notLorawan());
        repeat(slots, Category.NOT_UPLINK, config.notUplink());
        repeat(slots, Category.FOREIGN_NETID, config.foreignNetId());
        Collections.shuffle(slots, random);
        return slots;
    }

    private static void repeat(List<Slot> slots, Category category, int count) {
        for (int i = 0; i < count; i++) {
            slots.add(new Slot(category, null, -1));
        }
    }

    private void checkDevicesStayBelowTheRateLimit() {
        int dataFrames = config.alarmDataUp() + config.normalDataUp() + config.bulkDataUp();
        int perDevice = (dataFrames + config.ownDevices() - 1) / config.ownDevices();
        if (perDevice >= policy.rateLimitFrames()) {
            throw new IllegalArgumentException(dataFrames + " data frames over " + config.ownDevices()
                    + " devices means " + perDevice + " per device, not below the rate limit of "
                    + policy.rateLimitFrames() + ": add devices or raise the limit");
        }
    }

    private List<JoinDevice> joinDevices(Population population) {
        List<JoinDevice> all = new ArrayList<>(population.joining);
        all.addAll(population.foreignJoining);
        return all;
    }

    /** An independent stream per stage: changing one count does not reshuffle unrelated choices more than needed. */
    private Random stream(int stage) {
        return new Random(config.seed() * 0x9E3779B97F4A7C15L + stage);
    }
}
