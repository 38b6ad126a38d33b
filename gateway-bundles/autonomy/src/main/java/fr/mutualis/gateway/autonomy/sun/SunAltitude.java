package fr.mutualis.gateway.autonomy.sun;

/**
 * The altitudes of the sun's centre that define the events a lighting schedule uses, in degrees
 * above the geometric horizon.
 */
public enum SunAltitude {

    /**
     * Sunrise and sunset as almanacs publish them: the sun's upper limb on a sea-level horizon,
     * i.e. the centre 16' (mean semi-diameter) plus 34' (standard refraction) below it.
     */
    SUNRISE_SUNSET(-0.833),

    /** Civil dawn and dusk: the centre 6 degrees below the horizon, when street lights are usually needed. */
    CIVIL_TWILIGHT(-6.0);

    private final double degrees;

    SunAltitude(double degrees) {
        this.degrees = degrees;
    }

    public double degrees() {
        return degrees;
    }
}
