package fr.mutualis.hardware.watchdog.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The Linux watchdog character device ({@code /dev/watchdog}, or a stand-in file in tests).
 * Opening it arms the hardware timer; every write postpones the reset; closing it after writing
 * the magic character 'V' disarms it (unless the kernel was built with nowayout). No ioctl is
 * needed: the timeout is the driver's (15 s on the Raspberry Pi's bcm2835_wdt by default).
 */
final class WatchdogDevice implements AutoCloseable {

    private static final byte KICK = 'k';
    private static final byte MAGIC_CLOSE = 'V';

    private final Path path;
    private final FileChannel channel;

    private WatchdogDevice(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens (and so arms) the device; never creates it, so a mistyped path fails instead of writing a file. */
    static WatchdogDevice open(Path path) throws IOException {
        return new WatchdogDevice(path, FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    void kick() throws IOException {
        write(KICK);
    }

    /** Closes the device; with {@code disarm}, writes 'V' first so that a planned stop does not reset the board. */
    void close(boolean disarm) throws IOException {
        try {
            if (disarm) {
                write(MAGIC_CLOSE);
            }
        } finally {
            channel.close();
        }
    }

    @Override
    public void close() throws IOException {
        close(false);
    }

    Path path() {
        return path;
    }

    private void write(byte value) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {value});
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
