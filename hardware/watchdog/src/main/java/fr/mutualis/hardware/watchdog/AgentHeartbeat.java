package fr.mutualis.hardware.watchdog;

/**
 * Told by the agent's own main loop that it is alive and doing its work. The hardware watchdog
 * is kicked only while beats keep arriving: the caller should beat from the work it proves
 * (e.g. after a health report or a journal commit), not from a timer of its own, or a hung agent
 * with a live timer thread would keep the board from resetting.
 */
public interface AgentHeartbeat {

    void beat();
}
