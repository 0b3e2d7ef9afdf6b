package com.alphastocks.executor.api;

import java.util.Set;

import jakarta.ws.rs.Path;

import com.alphastocks.executor.desk.ExecutorTopology;
import com.alphastocks.streams.stores.InstanceStores;
import com.alphastocks.streams.stores.StoreEndpoint;

/** This instance's part of the order desk's stores (risk, decisions), for the other instances ({@link InstanceStores}). */
@Path(InstanceStores.PATH)
public class DeskStores extends StoreEndpoint {

    DeskStores(InstanceStores stores) {
        super(stores, Set.of(ExecutorTopology.RISK_STORE, ExecutorTopology.DECISIONS_STORE));
    }
}
