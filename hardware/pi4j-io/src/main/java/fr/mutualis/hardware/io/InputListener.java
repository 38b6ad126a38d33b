package fr.mutualis.hardware.io;

/** Whiteboard: register a service of this type to hear input changes (e.g. "door" became active). */
public interface InputListener {

    void inputChanged(String channel, boolean active);
}
