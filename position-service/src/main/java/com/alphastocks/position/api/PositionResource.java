package com.alphastocks.position.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.alphastocks.position.book.CloseRequest;
import com.alphastocks.streams.quarkus.security.ApiKeyAuthentication;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Open and closed positions (of every instance's share of the book), one position with its story, a manual close. */
@Path("/api/positions")
@Produces(MediaType.APPLICATION_JSON)
public class PositionResource {

    private final PositionQueries queries;
    private final ObjectMapper json;
    private final SecurityIdentity caller;
    /** The desk's close requests to the book (position.control, JSON keyed by instrument), as the REST intake sends. */
    private final MutinyEmitter<String> closeRequests;

    PositionResource(PositionQueries queries, ObjectMapper json, SecurityIdentity caller,
                     @Channel("close-requests-out") MutinyEmitter<String> closeRequests) {
        this.queries = queries;
        this.json = json;
        this.caller = caller;
        this.closeRequests = closeRequests;
    }

    @GET
    public List<PositionQueries.PositionView> list(@QueryParam("status") String status, @QueryParam("strategy") String strategy,
                                                   @QueryParam("underlying") String underlying) {
        return queries.list(status, strategy, underlying);
    }

    @GET
    @Path("/{positionId}")
    public Response get(@PathParam("positionId") String positionId) {
        return queries.find(positionId).map(v -> Response.ok(v).build())
                .orElseGet(() -> problem(404, "Unknown position", "no position " + positionId));
    }

    @POST
    @Path("/{positionId}/close")
    @RolesAllowed(ApiKeyAuthentication.ROLE)
    @Blocking
    public Response close(@PathParam("positionId") String positionId) throws Exception {
        Optional<PositionQueries.PositionView> found = queries.find(positionId);
        if (found.isEmpty() || !found.get().status().equals("open")) {
            return problem(found.isEmpty() ? 404 : 409, found.isEmpty() ? "Unknown position" : "Already closed",
                    found.isEmpty() ? "no open position " + positionId : "position " + positionId + " is closed");
        }
        CloseRequest request = new CloseRequest(positionId, caller.getPrincipal().getName(), Instant.now());
        closeRequests.sendMessageAndAwait(Message.of(json.writeValueAsString(request)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(found.get().position().instrument()).build()));
        return Response.accepted(request).build();
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("title", title, "status", status, "detail", detail)).build();
    }
}
