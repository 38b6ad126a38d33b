package fr.mutualis.hardware.simulator.mix;

import fr.mutualis.hardware.simulator.lorawan.EuiRange;

/** A device that sends a join request; its MIC is computed with {@code appKey} (LoRaWAN 1.0.x). */
public record JoinDevice(long devEui, long joinEui, byte[] appKey) {

    public JoinDevice {
        appKey = appKey.clone();
    }

    @Override
    public byte[] appKey() {
        return appKey.clone();
    }

    public String devEuiHex() {
        return EuiRange.hex(devEui);
    }
}
