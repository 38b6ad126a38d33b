package fr.mutualis.gateway.release.pkg;

/**
 * The downloaded bytes are not the package the order announced (size or SHA-256). Unlike the other
 * refusals this may be the download's fault rather than the package's, e.g. the unsynced tail of a
 * partial file after a power cut, so downloading it again from the start can cure it.
 */
public final class CorruptedDownloadException extends PackageRefusedException {

    private static final long serialVersionUID = 1L;

    public CorruptedDownloadException(String reason) {
        super(reason);
    }
}
