package com.alphastocks.position.api;

import java.util.Set;

import jakarta.ws.rs.Path;

import com.alphastocks.position.book.PositionTopology;
import com.alphastocks.streams.stores.InstanceStores;
import com.alphastocks.streams.stores.StoreEndpoint;

/** This instance's part of the position book, open and closed, for the other instances ({@link InstanceStores}); read-only. */
@Path(InstanceStores.PATH)
public class PositionStores extends StoreEndpoint {

    PositionStores(InstanceStores stores) {
        super(stores, Set.of(PositionTopology.BOOK_STORE, PositionTopology.CLOSED_STORE));
    }
}
