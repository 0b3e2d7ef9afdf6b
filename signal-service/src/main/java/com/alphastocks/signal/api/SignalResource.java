package com.alphastocks.signal.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.signal.SignalRules;
import com.alphastocks.signal.trading.SignalRequest;
import com.alphastocks.signal.trading.SignalStatus;
import com.alphastocks.signal.trading.SignalValidator;
import com.alphastocks.signal.wire.SignalEvents;
import com.alphastocks.streams.Envelope;
import com.alphastocks.streams.SignalIds;
import com.alphastocks.streams.quarkus.security.ApiKeyAuthentication;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Signals over HTTP: strategies in other languages post JSON (validated here and answered at once), which then
 * takes the same path as a signal published on strategy.signals. Reads come from this instance's signal store.
 */
@Path("/api/signals")
@Produces(MediaType.APPLICATION_JSON)
public class SignalResource {

    /** The answer to an accepted signal: its id and where to follow it. */
    public record Accepted(String signalId, String location) {
    }

    private static final int MAX_PAGE_SIZE = 500;

    private final SignalValidator validator;
    private final Envelope envelope;
    private final MutinyEmitter<StrategySignal> strategySignals;
    private final SignalQueries queries;

    SignalResource(SignalRules rules, Envelope envelope, @Channel("strategy-signals-out") MutinyEmitter<StrategySignal> strategySignals,
                   SignalQueries queries) {
        this.validator = new SignalValidator(rules);
        this.envelope = envelope;
        this.strategySignals = strategySignals;
        this.queries = queries;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyAuthentication.ROLE)
    public Uni<Response> submit(SignalRequest request) {
        if (request == null) {
            return Uni.createFrom().item(Problem.response(400, "Missing signal", "the request has no JSON body", List.of()));
        }
        Instant now = envelope.now();
        List<SignalValidator.Problem> problems = validator.check(request, now);
        if (!problems.isEmpty()) {
            return Uni.createFrom().item(Problem.response(422, "Invalid signal",
                    problems.size() + " field(s) in error; nothing was published", problems));
        }
        StrategySignal signal = SignalEvents.strategySignal(request, now);
        String signalId = SignalIds.of(signal);
        Message<StrategySignal> message = Message.of(signal)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(signalId).build());
        URI location = URI.create("/api/signals/" + signalId);
        return strategySignals.sendMessage(message)
                .replaceWith(Response.accepted(new Accepted(signalId, location.toString())).location(location).build());
    }

    @GET
    public SignalQueries.Page list(@QueryParam("status") SignalStatus status, @QueryParam("strategy") String strategy,
                                   @QueryParam("symbol") String symbol, @QueryParam("from") Instant from,
                                   @QueryParam("to") Instant to, @QueryParam("page") @DefaultValue("0") int page,
                                   @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
        }
        return queries.list(new SignalQueries.Filter(status, strategy, symbol, from, to), page, size);
    }

    @GET
    @Path("/{signalId}")
    public Response get(@PathParam("signalId") String signalId) {
        return queries.find(signalId)
                .map(view -> Response.ok(view).build())
                .orElseGet(() -> Problem.response(404, "Unknown signal", "no signal " + signalId, List.of()));
    }

    @ServerExceptionMapper
    Response badJson(JsonProcessingException e) {
        return Problem.response(400, "Malformed JSON", e.getOriginalMessage(), List.of());
    }

    @ServerExceptionMapper
    Response badQuery(IllegalArgumentException e) {
        return Problem.response(400, "Bad request", e.getMessage(), List.of());
    }
}
