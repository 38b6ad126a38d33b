package fr.mutualis.hardware.simulator.mix;

import fr.mutualis.hardware.simulator.lorawan.SessionKeys;

/**
 * A device of the own network (ABP, LoRaWAN 1.0.x): its frames carry a real MIC and an
 * encrypted FRMPayload, so that a test can verify them with these keys.
 *
 * @param chatty true for a device that sends more than the rate limit
 */
public record OwnDevice(int devAddr, SessionKeys keys, boolean chatty) {

    public String devAddrHex() {
        return String.format("%08X", devAddr);
    }
}
