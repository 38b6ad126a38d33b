package fr.mutualis.provisioning.qr;

/**
 * A QR code drawn with Unicode half blocks: one character cell holds two modules, one above the
 * other, so that the code is square on a terminal and fits in 80 columns for an enrolment URL.
 *
 * <p>A phone needs dark modules on a light background, and a terminal may be dark or light. With
 * {@code colours}, every cell sets its own colours explicitly (white foreground on black
 * background, ANSI 97/40): the code reads the same on any theme. Without colours (output piped to
 * a file, {@code NO_COLOR}, a terminal without ANSI) the blocks are the light modules, which is
 * right on the usual light-on-dark terminal and inverted on a light one: then use the PNG.
 */
public final class TerminalQr {

    private static final String COLOURS = "\u001b[97;40m";
    private static final String RESET = "\u001b[0m";

    private TerminalQr() {
    }

    public static String render(QrCode code, boolean colours) {
        int from = -QrCode.QUIET_ZONE;
        int to = code.size() + QrCode.QUIET_ZONE;
        StringBuilder out = new StringBuilder();
        for (int y = from; y < to; y += 2) {
            if (colours) {
                out.append(COLOURS);
            }
            for (int x = from; x < to; x++) {
                boolean topLight = !code.isDark(x, y);
                // An odd number of rows: the last cell's lower half is more quiet zone (light).
                boolean bottomLight = y + 1 >= to || !code.isDark(x, y + 1);
                out.append(topLight ? (bottomLight ? '█' : '▀') : (bottomLight ? '▄' : ' '));
            }
            if (colours) {
                out.append(RESET);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
