package com.alphastocks.analytics.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.alphastocks.analytics.score.Funnel;
import com.alphastocks.analytics.score.MlRow;
import com.alphastocks.analytics.score.Scorecard;
import com.alphastocks.analytics.score.ScorecardView;
import com.alphastocks.analytics.streams.AnalyticsTopology;
import com.alphastocks.streams.stores.InstanceStores;

/** The score: scorecards per strategy, underlying, day and overall; the signal funnel; the ML rows. Read-only. */
@Path("/api/analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    @Inject
    InstanceStores stores;

    @GET
    @Path("/scorecards")
    @Operation(summary = "Scorecards (net of charges); kind = strategy, underlying, day or all; all kinds without it")
    public List<ScorecardView> scorecards(@QueryParam("kind") String kind) {
        if (kind != null && !AnalyticsTopology.KINDS.contains(kind)) {
            throw new BadRequestException("kind must be one of " + AnalyticsTopology.KINDS + ", not " + kind);
        }
        return stores.all(AnalyticsTopology.SCORECARDS_STORE, Scorecard.class).entrySet().stream()
                .map(e -> ScorecardView.of(e.getKey(), e.getValue()))
                .filter(v -> kind == null || v.kind().equals(kind))
                .sorted(Comparator.comparing(ScorecardView::kind).thenComparing(ScorecardView::name)).toList();
    }

    @GET
    @Path("/scorecards/{kind}/{name}")
    @Operation(summary = "One scorecard, e.g. strategy/RSI, underlying/NIFTY, day/2025-12-03, all/all")
    public ScorecardView scorecard(@PathParam("kind") String kind, @PathParam("name") String name) {
        String key = ScorecardView.key(kind, name);
        return stores.get(AnalyticsTopology.SCORECARDS_STORE, key, Scorecard.class).map(card -> ScorecardView.of(key, card))
                .orElseThrow(() -> new NotFoundException("no closed trades for " + key));
    }

    @GET
    @Path("/funnels")
    @Operation(summary = "The signal funnel per strategy: generated, filtered, refused, activated, completed, stopped")
    public Map<String, Funnel> funnels() {
        return stores.all(AnalyticsTopology.FUNNELS_STORE, Funnel.class);
    }

    @GET
    @Path("/funnels/{strategy}")
    @Operation(summary = "One strategy's signal funnel")
    public Funnel funnel(@PathParam("strategy") String strategy) {
        return stores.get(AnalyticsTopology.FUNNELS_STORE, strategy, Funnel.class)
                .orElseThrow(() -> new NotFoundException("no signals of strategy " + strategy));
    }

    @GET
    @Path("/ml-rows")
    @Operation(summary = "One row per closed trade: the signal's fields and features with the outcome")
    public List<MlRow> mlRows() {
        return rows();
    }

    @GET
    @Path("/ml-rows.csv")
    @Produces("text/csv")
    @Operation(summary = "The ML rows as CSV, one feature_<name> column per feature")
    public Response mlRowsCsv() {
        return Response.ok(MlRow.csv(rows())).header("Content-Disposition", "attachment; filename=\"ml-rows.csv\"").build();
    }

    private List<MlRow> rows() {
        return stores.all(AnalyticsTopology.ML_ROWS_STORE, MlRow.class).values().stream()
                .sorted(Comparator.comparing(MlRow::generatedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(MlRow::signalId))
                .toList();
    }
}
