package fr.mutualis.fleet.commune;

import java.util.UUID;

/** A place in a commune where gateways are installed: a lighting cabinet, a town hall attic. */
public record Site(UUID id, String commune, String name, String address, Double latitude, Double longitude) {
}
