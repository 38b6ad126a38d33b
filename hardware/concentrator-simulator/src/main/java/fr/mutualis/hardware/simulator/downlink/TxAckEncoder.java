package fr.mutualis.hardware.simulator.downlink;

import fr.mutualis.hardware.simulator.gwmp.Gwmp;
import java.nio.charset.StandardCharsets;
import java.util.SortedSet;

/** Builds the TX_ACK datagram: header with the PULL_RESP's token and the gateway EUI, then the optional JSON. */
final class TxAckEncoder {

    private TxAckEncoder() {
    }

    /**
     * @param powers the gain table, for the power an sx1302 forwarder reports using instead of an
     *               unsupported one (the highest not above the request, else the lowest)
     */
    static byte[] encode(int version, int token, long gatewayEui, TxAckError error, TxAckStyle style,
                         Txpk txpk, SortedSet<Integer> powers) {
        String json;
        if (error == TxAckError.NONE) {
            json = style == TxAckStyle.SEMTECH ? "{\"txpk_ack\":{\"error\":\"NONE\"}}" : "";
        } else if (error == TxAckError.TX_POWER && style == TxAckStyle.SX1302) {
            int requested = txpk.power() == null ? powers.first() : txpk.power();
            SortedSet<Integer> notAbove = powers.headSet(requested + 1);
            int used = notAbove.isEmpty() ? powers.first() : notAbove.last();
            json = "{\"txpk_ack\":{\"warn\":\"TX_POWER\",\"value\":" + used + "}}";
        } else {
            json = "{\"txpk_ack\":{\"error\":\"" + error.name() + "\"}}";
        }
        return Gwmp.datagram(version, token, Gwmp.TX_ACK, gatewayEui, json.getBytes(StandardCharsets.UTF_8));
    }
}
