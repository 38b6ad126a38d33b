package fr.mutualis.contract;

/** One allowed value of an attribute with options, with its label. */
public record AttributeOption(String label, String value) {
}
