package fr.mutualis.provisioning.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads QR codes back with ZXing's own decoder, as a phone would: from an image, or from the
 * terminal rendering mapped back to modules. The decoder does not know how the code was drawn.
 */
public final class QrDecoding {

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    private QrDecoding() {
    }

    public static String decode(BufferedImage image) throws Exception {
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new ImageLuminance(image))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE, DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    /** A terminal rendering (lines of half blocks, with or without colours) as the image a camera would see. */
    public static BufferedImage terminalImage(List<String> lines, int pixelsPerModule) {
        List<String> rows = lines.stream().map(line -> ANSI.matcher(line).replaceAll("")).toList();
        int width = rows.get(0).length();
        BufferedImage image = new BufferedImage(width * pixelsPerModule, rows.size() * 2 * pixelsPerModule,
                BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows.size(); r++) {
            String row = rows.get(r);
            for (int x = 0; x < width; x++) {
                char c = row.charAt(x);
                boolean topLight = c == '█' || c == '▀';
                boolean bottomLight = c == '█' || c == '▄';
                fill(image, x, 2 * r, topLight, pixelsPerModule);
                fill(image, x, 2 * r + 1, bottomLight, pixelsPerModule);
            }
        }
        return image;
    }

    private static void fill(BufferedImage image, int moduleX, int moduleY, boolean light, int size) {
        for (int y = moduleY * size; y < (moduleY + 1) * size; y++) {
            for (int x = moduleX * size; x < (moduleX + 1) * size; x++) {
                image.setRGB(x, y, light ? 0xFFFFFF : 0x000000);
            }
        }
    }

    /** Grey levels of an image, the decoder's input (what ZXing's javase module provides, in a few lines). */
    private static final class ImageLuminance extends LuminanceSource {

        private final byte[] grey;

        ImageLuminance(BufferedImage image) {
            super(image.getWidth(), image.getHeight());
            grey = new byte[image.getWidth() * image.getHeight()];
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int luminance = (((rgb >> 16) & 0xFF) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
                    grey[y * image.getWidth() + x] = (byte) luminance;
                }
            }
        }

        @Override
        public byte[] getRow(int y, byte[] row) {
            byte[] out = row != null && row.length >= getWidth() ? row : new byte[getWidth()];
            System.arraycopy(grey, y * getWidth(), out, 0, getWidth());
            return out;
        }

        @Override
        public byte[] getMatrix() {
            return grey;
        }
    }
}
