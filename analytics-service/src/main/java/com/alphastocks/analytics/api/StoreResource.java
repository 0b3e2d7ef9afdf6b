package com.alphastocks.analytics.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.alphastocks.analytics.score.HistoryEntry;
import com.alphastocks.analytics.streams.AnalyticsTopology;

/** This instance's part of the analytics stores, for the other instances ({@link Stores}); read-only. */
@Path("/api/stores")
@Produces(MediaType.APPLICATION_JSON)
public class StoreResource {

    static final Set<String> SHARED = Set.of(AnalyticsTopology.SCORECARDS_STORE, AnalyticsTopology.FUNNELS_STORE,
            AnalyticsTopology.ML_ROWS_STORE, AnalyticsTopology.EVENT_COUNTS_STORE,
            AnalyticsTopology.DLQ_COUNTS_STORE);

    @Inject
    Stores stores;

    @GET
    @Path("/{store}")
    @Operation(summary = "This instance's entries of a store (instances ask each other)")
    public Map<String, Object> entries(@PathParam("store") String store) {
        return stores.localAll(known(store));
    }

    @GET
    @Path("/{store}/{key}")
    @Operation(summary = "One key of this instance's part of a store")
    public Object entry(@PathParam("store") String store, @PathParam("key") String key) {
        Object value = stores.localGet(known(store), key);
        if (value == null) {
            throw new NotFoundException(key + " is not in " + store + " here");
        }
        return value;
    }

    @GET
    @Path("/" + AnalyticsTopology.HISTORY_STORE + "/{type}")
    @Operation(summary = "The newest events of a type this instance keeps, newest first")
    public List<HistoryEntry> newestEvents(@PathParam("type") String type, @QueryParam("limit") @DefaultValue("20") int limit) {
        return stores.localNewestEvents(type, limit);
    }

    private static String known(String store) {
        if (!SHARED.contains(store)) {
            throw new NotFoundException("no store " + store + "; stores: " + SHARED);
        }
        return store;
    }

    /** A store being rebuilt answers 503 with a hint to retry, not a stack trace. */
    @Provider
    public static class NotReady implements ExceptionMapper<Stores.StoresNotReady> {
        @Override
        public Response toResponse(Stores.StoresNotReady e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
        }
    }
}
