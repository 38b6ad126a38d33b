package fr.mutualis.fleet.commune;

/** A commune of the syndicate, by its INSEE code. */
public record Commune(String code, String name, Double latitude, Double longitude) {
}
