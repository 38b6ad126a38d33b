package fr.mutualis.hardware.simulator.mix;

/** How a frame was received: the rxpk {@code modu} values a forwarder reports. */
enum Modulation {
    LORA("LORA"), FSK("FSK"), LR_FHSS("LR-FHSS");

    final String modu;

    Modulation(String modu) {
        this.modu = modu;
    }
}
