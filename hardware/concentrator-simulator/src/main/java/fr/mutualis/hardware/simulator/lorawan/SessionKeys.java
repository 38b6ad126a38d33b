package fr.mutualis.hardware.simulator.lorawan;

import java.util.HexFormat;

/** An ABP or joined device's LoRaWAN 1.0 session keys. */
public record SessionKeys(byte[] nwkSKey, byte[] appSKey) {

    public SessionKeys {
        if (nwkSKey.length != 16 || appSKey.length != 16) {
            throw new IllegalArgumentException("session keys are 16 bytes");
        }
        nwkSKey = nwkSKey.clone();
        appSKey = appSKey.clone();
    }

    @Override
    public byte[] nwkSKey() {
        return nwkSKey.clone();
    }

    @Override
    public byte[] appSKey() {
        return appSKey.clone();
    }

    @Override
    public String toString() {
        return "SessionKeys[nwkSKey=" + HexFormat.of().formatHex(nwkSKey) + ", appSKey="
                + HexFormat.of().formatHex(appSKey) + "]";
    }
}
