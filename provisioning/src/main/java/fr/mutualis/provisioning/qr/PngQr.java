package fr.mutualis.provisioning.qr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** A QR code as a black-and-white PNG, with its quiet zone, for printing or sending to a phone. */
public final class PngQr {

    /** Pixels per module: a version-7 code (45 modules) makes a 424-pixel image, sharp when printed at 4 cm. */
    public static final int MODULE_PIXELS = 8;

    private PngQr() {
    }

    public static BufferedImage image(QrCode code, int modulePixels) {
        int modules = code.size() + 2 * QrCode.QUIET_ZONE;
        int side = modules * modulePixels;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
        for (int py = 0; py < side; py++) {
            int y = py / modulePixels - QrCode.QUIET_ZONE;
            for (int px = 0; px < side; px++) {
                int x = px / modulePixels - QrCode.QUIET_ZONE;
                image.setRGB(px, py, code.isDark(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return image;
    }

    /** Writes the PNG next to {@code file} then moves it in place, so that a reader never sees half an image. */
    public static void write(QrCode code, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".part");
        if (!ImageIO.write(image(code, MODULE_PIXELS), "png", partial.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
