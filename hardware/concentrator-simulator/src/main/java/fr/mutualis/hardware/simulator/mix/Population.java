package fr.mutualis.hardware.simulator.mix;

import fr.mutualis.hardware.simulator.lorawan.EuiRange;
import fr.mutualis.hardware.simulator.lorawan.SessionKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** The simulated end devices of a mix, with their keys and frame counters. */
final class Population {

    /** Microchip's OUI, as on RN2483-based devices: DevEUIs that look like real ones. */
    private static final long DEV_EUI_PREFIX = 0x0004A30B00000000L;

    final List<OwnDevice> ordinary = new ArrayList<>();
    final List<OwnDevice> chatty = new ArrayList<>();
    final List<JoinDevice> joining = new ArrayList<>();
    final List<JoinDevice> foreignJoining = new ArrayList<>();
    private final Map<Integer, Long> frameCounters = new HashMap<>();
    private final Set<Integer> devAddrs = new HashSet<>();
    private final Set<Long> devEuis = new HashSet<>();

    static Population create(MixConfig config, MixPolicy policy, Random random) {
        Population population = new Population();
        for (int i = 0; i < config.ownDevices(); i++) {
            population.ordinary.add(population.newOwnDevice(policy, random, false));
        }
        for (int i = 0; i < config.chattyDevices(); i++) {
            population.chatty.add(population.newOwnDevice(policy, random, true));
        }
        EuiRange range = policy.joinEuiRange();
        for (int i = 0; i < config.joinRequests(); i++) {
            population.joining.add(new JoinDevice(population.newDevEui(random), inside(range, random), key(random)));
        }
        for (int i = 0; i < config.foreignJoinEui(); i++) {
            population.foreignJoining.add(new JoinDevice(population.newDevEui(random), outside(range, random), key(random)));
        }
        return population;
    }

    /** The device's next frame counter: counters only go up, whatever becomes of the frame. */
    long nextFCnt(OwnDevice device) {
        return frameCounters.merge(device.devAddr(), 1L, Long::sum);
    }

    List<OwnDevice> allOwn() {
        List<OwnDevice> all = new ArrayList<>(ordinary);
        all.addAll(chatty);
        return all;
    }

    private OwnDevice newOwnDevice(MixPolicy policy, Random random, boolean chattyDevice) {
        int devAddr;
        do {
            devAddr = policy.netId().devAddr(random.nextInt());
        } while (!devAddrs.add(devAddr));
        // Devices have been running for a while: counters do not start at 0.
        frameCounters.put(devAddr, (long) random.nextInt(500));
        return new OwnDevice(devAddr, new SessionKeys(key(random), key(random)), chattyDevice);
    }

    private long newDevEui(Random random) {
        long devEui;
        do {
            devEui = DEV_EUI_PREFIX | (random.nextInt() & 0xFFFF_FFFFL);
        } while (!devEuis.add(devEui));
        return devEui;
    }

    static byte[] key(Random random) {
        byte[] key = new byte[16];
        random.nextBytes(key);
        return key;
    }

    private static long inside(EuiRange range, Random random) {
        long span = range.last() - range.first();
        long offset = span == -1L ? random.nextLong() : Long.remainderUnsigned(random.nextLong(), span + 1);
        return range.first() + offset;
    }

    private static long outside(EuiRange range, Random random) {
        if (range.first() == 0 && range.last() == -1L) {
            throw new IllegalArgumentException("the JoinEUI range covers every EUI: no join request can be foreign");
        }
        long eui;
        do {
            eui = random.nextLong();
        } while (range.contains(eui));
        return eui;
    }
}
