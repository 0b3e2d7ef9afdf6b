package com.alphastocks.executor.desk;

import org.apache.kafka.common.serialization.Serde;

import com.alphastocks.executor.trading.RiskState;
import com.alphastocks.orders.OrderResult;

/** How the desk's stores keep their values: the stores and the desk's journal (Recall) use the same ones. */
public record DeskSerdes(Serde<RiskState> risk, Serde<Decision> decisions, Serde<OrderResult> orders) {
}
