package fr.mutualis.contract;

/** The value types of an OSGi Metatype attribute definition (the constants of {@code AttributeDefinition}). */
public enum AttributeType {
    STRING, LONG, INTEGER, SHORT, CHARACTER, BYTE, DOUBLE, FLOAT, BOOLEAN, PASSWORD;

    /** True for the integral types, whose JSON values must be whole numbers. */
    public boolean integral() {
        return this == LONG || this == INTEGER || this == SHORT || this == BYTE;
    }

    /** True for types whose min/max bound a number rather than a length. */
    public boolean numeric() {
        return integral() || this == DOUBLE || this == FLOAT;
    }
}
