package fr.mutualis.gateway.autonomy.sun;

/**
 * A place on the WGS 84 ellipsoid in decimal degrees, as printed on a site sheet or read from a
 * GNSS fix: latitude positive north, longitude positive east (Rennes is 48.11, -1.68).
 */
public record GeoPosition(double latitude, double longitude) {

    public GeoPosition {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude must be within [-90, 90] degrees, got " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude must be within [-180, 180] degrees, got " + longitude);
        }
    }
}
