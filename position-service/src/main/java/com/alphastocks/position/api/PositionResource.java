package com.alphastocks.position.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import com.alphastocks.position.book.ClosedPosition;
import com.alphastocks.position.book.PositionTopology;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.streams.quarkus.security.ApiKeyAuthentication;
import com.alphastocks.streams.stores.InstanceStores;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Open and closed positions (of every instance's share of the book), one position with its story, a manual close. */
@Path("/api/positions")
@Produces(MediaType.APPLICATION_JSON)
public class PositionResource {

    /** One position as the desk sees it. */
    public record PositionView(String status, OpenPosition position, ClosedPosition close, List<String> timeline) {
    }

    private final InstanceStores stores;
    private final ObjectMapper json;
    private final SecurityIdentity caller;
    /** The desk's close requests to the book (position.control, JSON keyed by instrument), as the REST intake sends. */
    private final MutinyEmitter<String> closeRequests;

    PositionResource(InstanceStores stores, ObjectMapper json, SecurityIdentity caller,
                     @Channel("close-requests-out") MutinyEmitter<String> closeRequests) {
        this.stores = stores;
        this.json = json;
        this.caller = caller;
        this.closeRequests = closeRequests;
    }

    @GET
    public List<PositionView> list(@QueryParam("status") String status, @QueryParam("strategy") String strategy,
                                   @QueryParam("underlying") String underlying) {
        List<PositionView> all = new ArrayList<>();
        if (status == null || status.equalsIgnoreCase("open")) {
            stores.all(PositionTopology.BOOK_STORE, OpenPosition.class).values().forEach(p -> all.add(view(p, null)));
        }
        if (status == null || status.equalsIgnoreCase("closed")) {
            stores.all(PositionTopology.CLOSED_STORE, ClosedPosition.class).values().forEach(c -> all.add(view(c.position(), c)));
        }
        return all.stream()
                .filter(v -> strategy == null || strategy.equals(v.position().strategy()))
                .filter(v -> underlying == null || underlying.equals(v.position().underlying()))
                .sorted(Comparator.comparing((PositionView v) -> v.position().openedEventAt()).reversed())
                .toList();
    }

    @GET
    @Path("/{positionId}")
    public Response get(@PathParam("positionId") String positionId) {
        return find(positionId).map(v -> Response.ok(v).build())
                .orElseGet(() -> problem(404, "Unknown position", "no position " + positionId));
    }

    @POST
    @Path("/{positionId}/close")
    @RolesAllowed(ApiKeyAuthentication.ROLE)
    @Blocking
    public Response close(@PathParam("positionId") String positionId) throws Exception {
        Optional<PositionView> found = find(positionId);
        if (found.isEmpty() || !found.get().status().equals("open")) {
            return problem(found.isEmpty() ? 404 : 409, found.isEmpty() ? "Unknown position" : "Already closed",
                    found.isEmpty() ? "no open position " + positionId : "position " + positionId + " is closed");
        }
        CloseRequest request = new CloseRequest(positionId, caller.getPrincipal().getName(), Instant.now());
        closeRequests.sendMessageAndAwait(Message.of(json.writeValueAsString(request)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(found.get().position().instrument()).build()));
        return Response.accepted(request).build();
    }

    /** A position by its id, from whichever instance holds it (the book is partitioned by instrument, not by id). */
    private Optional<PositionView> find(String positionId) {
        Optional<ClosedPosition> done = stores.find(PositionTopology.CLOSED_STORE, positionId, ClosedPosition.class);
        if (done.isPresent()) {
            return done.map(c -> view(c.position(), c));
        }
        return stores.find(PositionTopology.BOOK_STORE, positionId, OpenPosition.class).map(p -> view(p, null));
    }

    private static PositionView view(OpenPosition p, ClosedPosition close) {
        List<String> timeline = new ArrayList<>();
        timeline.add(p.openedEventAt() + " opened " + p.quantity() + " " + p.instrument() + " at " + p.entryPremium().toPlainString()
                + ", stop " + p.initialStop().toPlainString() + ", target " + p.target().toPlainString());
        if (p.trailing()) {
            timeline.add("trailing: stop now " + p.stop().toPlainString() + " (best " + p.peak().toPlainString() + ")");
        }
        p.exits().forEach(f -> timeline.add(f.at() + " " + f.reason() + ": sold " + f.quantity() + " at " + f.price().toPlainString()));
        if (close != null) {
            timeline.add(close.closedAt() + " closed: gross " + close.grossPnl().toPlainString() + ", charges "
                    + close.charges().toPlainString() + ", net " + close.netPnl().toPlainString());
        }
        return new PositionView(close == null ? "open" : "closed", p, close, timeline);
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("title", title, "status", status, "detail", detail)).build();
    }
}
