package fr.mutualis.gateway.release.generation;

import java.io.IOException;
import java.util.Properties;

/** The state file's format: flat properties, readable with {@code cat} on a gateway. */
final class StateProperties {

    private StateProperties() {
    }

    static Properties write(GenerationState state) {
        Properties p = new Properties();
        slot(p, "current", state.current());
        if (state.previous() != null) {
            slot(p, "previous", state.previous());
        }
        if (state.trial() != null) {
            p.setProperty("trial.campaign", state.trial().campaign());
            p.setProperty("trial.window.seconds", Integer.toString(state.trial().windowSeconds()));
            p.setProperty("trial.boots", Integer.toString(state.trial().boots()));
        }
        if (state.lastRevert() != null) {
            p.setProperty("reverted.campaign", state.lastRevert().campaign());
            if (state.lastRevert().release() != null) {
                p.setProperty("reverted.release", state.lastRevert().release());
            }
            p.setProperty("reverted.reason", state.lastRevert().reason());
        }
        return p;
    }

    static GenerationState read(Properties p) throws IOException {
        try {
            GenerationState.Slot current = slot(p, "current");
            if (current == null) {
                throw new IOException("the generations state file names no current generation");
            }
            GenerationState.Trial trial = p.getProperty("trial.campaign") == null ? null
                    : new GenerationState.Trial(p.getProperty("trial.campaign"),
                            Integer.parseInt(p.getProperty("trial.window.seconds", "0")),
                            Integer.parseInt(p.getProperty("trial.boots", "0")));
            GenerationState.Revert revert = p.getProperty("reverted.reason") == null ? null
                    : new GenerationState.Revert(p.getProperty("reverted.campaign", ""), p.getProperty("reverted.release"),
                            p.getProperty("reverted.reason"));
            return new GenerationState(current, slot(p, "previous"), trial, revert);
        } catch (NumberFormatException e) {
            throw new IOException("the generations state file is malformed: " + e.getMessage(), e);
        }
    }

    private static void slot(Properties p, String prefix, GenerationState.Slot slot) {
        p.setProperty(prefix + ".generation", Integer.toString(slot.generation()));
        if (slot.release() != null) {
            p.setProperty(prefix + ".release", slot.release());
        }
    }

    private static GenerationState.Slot slot(Properties p, String prefix) {
        String generation = p.getProperty(prefix + ".generation");
        return generation == null ? null : new GenerationState.Slot(Integer.parseInt(generation.trim()), p.getProperty(prefix + ".release"));
    }
}
