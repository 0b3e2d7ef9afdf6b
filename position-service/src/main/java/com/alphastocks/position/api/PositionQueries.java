package com.alphastocks.position.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.alphastocks.position.book.ClosedPosition;
import com.alphastocks.position.book.PositionTopology;
import com.alphastocks.position.trading.OpenPosition;
import com.alphastocks.streams.stores.InstanceStores;

/** Reads the position book, open and closed, across the service's instances (Kafka Streams interactive queries, {@link InstanceStores}). */
@ApplicationScoped
public class PositionQueries {

    /** One position as the desk sees it. */
    public record PositionView(String status, OpenPosition position, ClosedPosition close, List<String> timeline) {
    }

    private final InstanceStores stores;

    public PositionQueries(InstanceStores stores) {
        this.stores = stores;
    }

    /** Open, closed or both ({@code status} null), of a strategy and an underlying (null: any), newest first. */
    public List<PositionView> list(String status, String strategy, String underlying) {
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

    /** A position by its id, from whichever instance holds it (the book is partitioned by instrument, not by id). */
    public Optional<PositionView> find(String positionId) {
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
}
