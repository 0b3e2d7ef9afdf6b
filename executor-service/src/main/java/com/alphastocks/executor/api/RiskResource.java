package com.alphastocks.executor.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.alphastocks.contracts.TradingState;
import com.alphastocks.executor.ExecutorSettings;
import com.alphastocks.executor.desk.ControlFeed;
import com.alphastocks.executor.desk.Decision;
import com.alphastocks.executor.market.MarketFeed;
import com.alphastocks.executor.trading.RiskState;
import com.alphastocks.orders.GatewaySettings;
import com.alphastocks.orders.OrderResult;
import com.alphastocks.streams.control.TradingStatus;
import com.alphastocks.streams.quarkus.security.ApiKeyAuthentication;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** The desk's risk state, its orders and the kill switch. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class RiskResource {

    /** The portfolio now: open positions, capital at risk, today's P&L, the trading state (killSwitch: its state, reason, who
     * set it and when, and on = not ACTIVE), the limits in force, and how far
     * this instance's market data goes (the latest exchange time it has seen, and per partition of market.ticks the
     * offset of the next tick it will read). */
    public record RiskView(int openPositions, Map<String, Integer> openByStrategy, Map<String, Integer> openByUnderlying,
                           BigDecimal capitalAtRisk, BigDecimal realizedToday, int consecutiveLosses, LocalDate tradingDay,
                           TradingStatus killSwitch, String mode, String gateway, int maxOpenPositions, Instant marketTime,
                           Map<Integer, Long> marketReadUpTo) {
    }

    /** The request body of the kill switch: on is HALTED, off is ACTIVE. */
    public record KillSwitchRequest(Boolean on, String reason) {
    }

    /** The request body of the trading state. */
    public record TradingStateRequest(TradingState state, String reason) {
    }

    private final DeskQueries desk;
    private final MarketFeed market;
    private final ControlFeed control;
    private final ExecutorSettings settings;
    private final GatewaySettings gateway;
    private final SecurityIdentity caller;

    RiskResource(DeskQueries desk, ControlFeed control, ExecutorSettings settings, GatewaySettings gateway, MarketFeed market,
                 SecurityIdentity caller) {
        this.desk = desk;
        this.market = market;
        this.control = control;
        this.settings = settings;
        this.gateway = gateway;
        this.caller = caller;
    }

    @GET
    @Path("/risk")
    public RiskView risk() {
        RiskState state = desk.risk().orElse(RiskState.empty(LocalDate.now(settings.exchangeZone())));
        return new RiskView(state.openPositions(), state.openByStrategy(), state.openByUnderlying(), state.capitalAtRisk(),
                state.realizedToday(), state.consecutiveLosses(),
                state.tradingDay(), control.latest(), settings.mode().name(), gateway.mode().name(),
                settings.risk().maxOpenPositions(), market.book().time().orElse(null), market.readUpTo());
    }

    @POST
    @Path("/risk/kill-switch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyAuthentication.ROLE)
    @Blocking
    public TradingStatus killSwitch(KillSwitchRequest request) throws Exception {
        if (request == null || request.on() == null) {
            throw new IllegalArgumentException("the body must say {\"on\": true|false, \"reason\": \"...\"}");
        }
        return control.set(request.on() ? TradingState.HALTED : TradingState.ACTIVE, request.reason(), caller.getPrincipal().getName());
    }

    /**
     * Sets the desk's trading state: ACTIVE (entries and exits), REDUCING (exits only) or HALTED (the kill switch: no new
     * entries; exits go on). Each change is a trading.state event, notified with who set it and why; setting the state
     * it already is changes nothing.
     */
    @POST
    @Path("/risk/trading-state")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiKeyAuthentication.ROLE)
    @Blocking
    public TradingStatus tradingState(TradingStateRequest request) throws Exception {
        if (request == null || request.state() == null) {
            throw new IllegalArgumentException("the body must say {\"state\": \"ACTIVE|REDUCING|HALTED\", \"reason\": \"...\"}");
        }
        return control.set(request.state(), request.reason(), caller.getPrincipal().getName());
    }

    /** Orders the desk placed, newest first; {@code status} narrows them (OPEN, FILLED, PARTIALLY_FILLED, REJECTED, ...). */
    @GET
    @Path("/orders")
    public List<Decision> orders(@QueryParam("status") OrderResult.Status status, @QueryParam("open") Boolean openPositions) {
        return desk.decisions().stream()
                .filter(Decision::ordered)
                .filter(d -> status == null || d.orderStatus() == status)
                .filter(d -> openPositions == null || openPositions == (d.filledQuantity() > 0 && !d.positionClosed()))
                .toList();
    }

    @ServerExceptionMapper
    Response badRequest(IllegalArgumentException e) {
        return Response.status(400).type("application/problem+json")
                .entity(Map.of("title", "Bad request", "status", 400, "detail", String.valueOf(e.getMessage()))).build();
    }
}
