package com.alphastocks.streams.stores;

import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * This instance's part of a service's stores, read-only, for the service's other instances ({@link InstanceStores}):
 * a service serves it with a subclass at {@value InstanceStores#PATH} naming the stores it shares.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class StoreEndpoint {

    private final InstanceStores stores;
    private final Set<String> shared;

    protected StoreEndpoint(InstanceStores stores, Set<String> shared) {
        this.stores = stores;
        this.shared = Set.copyOf(shared);
    }

    @GET
    @Path("/{store}")
    public Map<String, Object> entries(@PathParam("store") String store) {
        return stores.localAll(known(store));
    }

    @GET
    @Path("/{store}/{key}")
    public Object entry(@PathParam("store") String store, @PathParam("key") String key) {
        Object value = stores.localGet(known(store), key);
        if (value == null) {
            throw new NotFoundException(key + " is not in " + store + " here");
        }
        return value;
    }

    protected InstanceStores stores() {
        return stores;
    }

    protected String known(String store) {
        if (!shared.contains(store)) {
            throw new NotFoundException("no store " + store + "; stores: " + new java.util.TreeSet<>(shared));
        }
        return store;
    }

    /** A store being rebuilt, or another instance away, answers 503 with a hint to retry, not a stack trace. */
    @Provider
    public static class NotReady implements ExceptionMapper<StoresNotReady> {
        @Override
        public Response toResponse(StoresNotReady e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "2").type("application/problem+json")
                    .entity(Map.of("title", "Store not ready", "status", 503, "detail", e.getMessage())).build();
        }
    }
}
