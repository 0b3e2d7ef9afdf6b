package com.alphastocks.orders;

import java.util.Map;

/** The account at a live broker, as reconciliation reads it. */
public interface BrokerAccount {

    /**
     * The account's net position per instrument, for the exchange and product the desk trades (instruments at zero left
     * out; negative: short).
     */
    Map<String, Integer> netPositions();

    /** How many times the broker answered again after it had stopped answering: a change means a reconnect. */
    long reconnections();
}
