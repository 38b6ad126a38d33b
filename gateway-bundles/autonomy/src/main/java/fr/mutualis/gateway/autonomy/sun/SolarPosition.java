package fr.mutualis.gateway.autonomy.sun;

import java.time.Instant;

/**
 * The sun's declination and the equation of time at one instant, by the low-precision solar
 * coordinates of Meeus, "Astronomical Algorithms" (2nd ed.), chapters 25 and 28, as NOAA's solar
 * calculator uses them: about 0.01 degree in declination and a few seconds in the equation of
 * time for this century, i.e. well under a minute on sunrise and sunset at French latitudes.
 * Universal time stands in for dynamical time: the 69 s of Delta T move the sun by 0.0008 degree.
 */
record SolarPosition(double declinationDegrees, double equationOfTimeMinutes) {

    private static final double J2000 = 2451545.0;
    private static final double UNIX_EPOCH_JULIAN_DAY = 2440587.5;

    static SolarPosition at(Instant instant) {
        double julianDay = UNIX_EPOCH_JULIAN_DAY + (instant.getEpochSecond() + instant.getNano() / 1e9) / 86400.0;
        double t = (julianDay - J2000) / 36525.0; // Julian centuries since J2000.0

        double meanLongitude = normalize(280.46646 + t * (36000.76983 + t * 0.0003032));
        double meanAnomaly = 357.52911 + t * (35999.05029 - 0.0001537 * t);
        double eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
        double m = Math.toRadians(meanAnomaly);
        double equationOfCentre = Math.sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t))
                + Math.sin(2 * m) * (0.019993 - 0.000101 * t)
                + Math.sin(3 * m) * 0.000289;
        double trueLongitude = meanLongitude + equationOfCentre;
        // Nutation and aberration, reduced to the dominant term of the Moon's node (Meeus 25.8).
        double node = Math.toRadians(125.04 - 1934.136 * t);
        double apparentLongitude = trueLongitude - 0.00569 - 0.00478 * Math.sin(node);
        double meanObliquity = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
        double obliquity = Math.toRadians(meanObliquity + 0.00256 * Math.cos(node));

        double declination = Math.asin(Math.sin(obliquity) * Math.sin(Math.toRadians(apparentLongitude)));

        // Equation of time (Meeus 28.3), from the mean longitude, anomaly and the obliquity.
        double y = Math.pow(Math.tan(obliquity / 2), 2);
        double l0 = Math.toRadians(meanLongitude);
        double equationOfTime = y * Math.sin(2 * l0)
                - 2 * eccentricity * Math.sin(m)
                + 4 * eccentricity * y * Math.sin(m) * Math.cos(2 * l0)
                - 0.5 * y * y * Math.sin(4 * l0)
                - 1.25 * eccentricity * eccentricity * Math.sin(2 * m);
        return new SolarPosition(Math.toDegrees(declination), 4 * Math.toDegrees(equationOfTime));
    }

    /**
     * The cosine of the hour angle at which the sun's centre is at {@code altitude} degrees seen
     * from {@code latitude}: outside [-1, 1] when the sun stays above (below -1) or below (above 1)
     * that altitude all day.
     */
    double cosHourAngle(double latitude, double altitude) {
        double phi = Math.toRadians(latitude);
        double delta = Math.toRadians(declinationDegrees);
        return (Math.sin(Math.toRadians(altitude)) - Math.sin(phi) * Math.sin(delta))
                / (Math.cos(phi) * Math.cos(delta));
    }

    /** The geometric altitude (no refraction) of the sun's centre at {@code instant} from {@code place}. */
    static double altitude(GeoPosition place, Instant instant) {
        SolarPosition sun = at(instant);
        double utcMinutes = Math.floorMod(instant.getEpochSecond(), 86400L) / 60.0 + instant.getNano() / 6e10;
        double trueSolarMinutes = utcMinutes + sun.equationOfTimeMinutes + 4 * place.longitude();
        double hourAngle = Math.toRadians(trueSolarMinutes / 4 - 180);
        double phi = Math.toRadians(place.latitude());
        double delta = Math.toRadians(sun.declinationDegrees);
        return Math.toDegrees(Math.asin(Math.sin(phi) * Math.sin(delta)
                + Math.cos(phi) * Math.cos(delta) * Math.cos(hourAngle)));
    }

    private static double normalize(double degrees) {
        double d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }
}
