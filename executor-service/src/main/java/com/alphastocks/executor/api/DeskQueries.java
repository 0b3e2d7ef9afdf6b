package com.alphastocks.executor.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.alphastocks.executor.desk.Decision;
import com.alphastocks.executor.desk.ExecutorTopology;
import com.alphastocks.executor.trading.RiskState;
import com.alphastocks.streams.stores.InstanceStores;

/**
 * Reads the order desk's stores (Kafka Streams interactive queries, {@link InstanceStores}). The desk runs on one
 * partition: whichever instance is asked, the answer comes from the instance that owns it.
 */
@ApplicationScoped
public class DeskQueries {

    private final InstanceStores stores;

    public DeskQueries(InstanceStores stores) {
        this.stores = stores;
    }

    public Optional<RiskState> risk() {
        return stores.find(ExecutorTopology.RISK_STORE, ExecutorTopology.PORTFOLIO, RiskState.class);
    }

    public List<Decision> decisions() {
        List<Decision> all = new ArrayList<>(stores.all(ExecutorTopology.DECISIONS_STORE, Decision.class).values());
        all.sort(Comparator.comparing(Decision::decidedAt).reversed());
        return all;
    }
}
