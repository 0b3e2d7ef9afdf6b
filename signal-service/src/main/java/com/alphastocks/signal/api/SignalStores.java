package com.alphastocks.signal.api;

import java.util.Set;

import jakarta.ws.rs.Path;

import com.alphastocks.signal.ledger.SignalTopology;
import com.alphastocks.streams.stores.InstanceStores;
import com.alphastocks.streams.stores.StoreEndpoint;

/** This instance's part of the signal store, for the other instances ({@link InstanceStores}); read-only. */
@Path(InstanceStores.PATH)
public class SignalStores extends StoreEndpoint {

    SignalStores(InstanceStores stores) {
        super(stores, Set.of(SignalTopology.STORE));
    }
}
