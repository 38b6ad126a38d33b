package fr.mutualis.gateway.release.pkg;

/**
 * Bounds on what reading a package may cost, checked on the bytes actually inflated (never on the
 * sizes a zip entry claims), so that a crafted archive cannot fill the SD card or the heap.
 */
public record PackageLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {

    /** Generous for a gateway bundle set (tens of bundles, a few MiB each), tiny next to the disk. */
    public static final PackageLimits GATEWAY = new PackageLimits(500, 32L << 20, 256L << 20);
}
