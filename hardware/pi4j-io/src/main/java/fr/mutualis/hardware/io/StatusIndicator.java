package fr.mutualis.hardware.io;

/** The status LED that a technician reads on site. */
public interface StatusIndicator {

    void show(StatusPattern pattern);

    StatusPattern showing();
}
