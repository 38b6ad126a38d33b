package fr.mutualis.provisioning.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrCodeTest {

    private static final String URL = "https://fleet.example.org:8443/enrol?code=K7QM-2XWD-9H11"
            + "&ca=n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg";

    @Test
    void thePngFileDecodesBackToTheUrl(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sub/token.png");

        PngQr.write(QrCode.encode(URL), png);

        BufferedImage image = ImageIO.read(png.toFile());
        int modules = QrCode.encode(URL).size() + 2 * QrCode.QUIET_ZONE;
        assertThat(image.getWidth()).isEqualTo(modules * PngQr.MODULE_PIXELS);
        assertThat(QrDecoding.decode(image)).isEqualTo(URL);
        assertThat(dir.resolve("sub")).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void theTerminalRenderingDecodesBackWithAndWithoutColours() throws Exception {
        QrCode code = QrCode.encode(URL);
        for (boolean colours : new boolean[] {true, false}) {
            List<String> lines = TerminalQr.render(code, colours).lines().toList();

            // Two modules per character cell, the quiet zone on every side.
            assertThat(lines).hasSize((code.size() + 2 * QrCode.QUIET_ZONE + 1) / 2);
            assertThat(QrDecoding.decode(QrDecoding.terminalImage(lines, 4))).isEqualTo(URL);
            if (colours) {
                assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("\u001b[97;40m").endsWith("\u001b[0m"));
            } else {
                assertThat(String.join("", lines)).doesNotContain("\u001b");
            }
        }
    }

    @Test
    void anEnrolmentUrlFitsAnEightyColumnTerminal() {
        String line = TerminalQr.render(QrCode.encode(URL), false).lines().findFirst().orElseThrow();
        assertThat(line.length()).isLessThanOrEqualTo(80);
    }
}
