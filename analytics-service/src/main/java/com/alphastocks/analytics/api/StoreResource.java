package com.alphastocks.analytics.api;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.alphastocks.analytics.score.HistoryEntry;
import com.alphastocks.analytics.streams.AnalyticsTopology;
import com.alphastocks.streams.stores.InstanceStores;
import com.alphastocks.streams.stores.StoreEndpoint;

/** This instance's part of the analytics stores, for the other instances ({@link InstanceStores}); read-only. */
@Path(InstanceStores.PATH)
public class StoreResource extends StoreEndpoint {

    private final EventHistory history;

    StoreResource(InstanceStores stores, EventHistory history) {
        super(stores, Set.of(AnalyticsTopology.SCORECARDS_STORE, AnalyticsTopology.FUNNELS_STORE, AnalyticsTopology.ML_ROWS_STORE,
                AnalyticsTopology.EVENT_COUNTS_STORE, AnalyticsTopology.DLQ_COUNTS_STORE, AnalyticsTopology.TRADES_STORE,
                AnalyticsTopology.OPEN_POSITIONS_STORE, AnalyticsTopology.PRICE_MINUTES_STORE));
        this.history = history;
    }

    @GET
    @Path("/" + AnalyticsTopology.HISTORY_STORE + "/{type}/newest")
    @Operation(summary = "The newest events of a type this instance keeps, newest first")
    public List<HistoryEntry> newestEvents(@PathParam("type") String type, @QueryParam("limit") @DefaultValue("20") int limit) {
        return history.local(type, limit);
    }
}
