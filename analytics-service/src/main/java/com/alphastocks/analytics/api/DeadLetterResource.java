package com.alphastocks.analytics.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.dlq.DeadLetterShelf;
import com.alphastocks.streams.quarkus.security.ApiKeyAuthentication;

import io.smallrye.common.annotation.Identifier;

/** The DLQ over REST, as {@code ./alphastocks dlq list|replay}: reading is open, replaying needs an API key. */
@Path("/api/dlq")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    /** Which DLQ records to send back: their ids ({@code partition:offset}) or all. */
    public record ReplayRequest(List<String> ids, boolean all) {
    }

    @GET
    @Operation(summary = "The newest DLQ records, newest first: source, the service that gave up, reason, attempts, replayed or not")
    public List<DeadLetterShelf.DeadLetter> list(@QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1) {
            throw new BadRequestException("limit must be at least 1, not " + limit);
        }
        List<DeadLetterShelf.DeadLetter> newestFirst = new ArrayList<>(new DeadLetterShelf(KafkaConnection.of(kafka)).last(limit));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyAuthentication.ROLE)
    @Operation(summary = "Send DLQ records back to their topic, each at most once (API key)")
    public List<DeadLetterShelf.Replay> replay(ReplayRequest request) throws Exception {
        List<String> ids = request == null || request.ids() == null ? List.of() : request.ids();
        boolean all = request != null && request.all();
        if (ids.isEmpty() == !all) {
            throw new BadRequestException("give the ids of the records to replay (partition:offset) or \"all\": true, not both");
        }
        return new DeadLetterShelf(KafkaConnection.of(kafka)).replay(ids, all);
    }
}
