package com.alphastocks.position.trading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The broker's positions against the position book, instrument by instrument: every difference is a break a person must
 * look at — the broker holds what the book does not (an entry filled that the desk never heard of, a trade made in the
 * broker's own app), the book holds what the broker does not (an exit the desk missed, a position squared off by the
 * broker), or the two hold different quantities.
 */
public final class Reconciliation {

    /** What the book holds open of one instrument, and in which positions. */
    public record Holding(int quantity, List<String> positionIds) {
    }

    /** One break: the book's and the broker's quantity, the book's positions, and what is wrong in words. */
    public record Break(String instrument, int book, int broker, List<String> positionIds, String detail) {
    }

    private Reconciliation() {
    }

    /**
     * @param book    what the book holds open, by instrument
     * @param broker  the broker's net positions, by instrument
     * @param answers whether this part of the book answers for an instrument it holds nothing of (each instrument is
     *                watched by one part of the book: a break the broker alone shows is reported once)
     */
    public static List<Break> breaks(Map<String, Holding> book, Map<String, Integer> broker, Predicate<String> answers) {
        List<Break> breaks = new ArrayList<>();
        TreeSet<String> instruments = new TreeSet<>(book.keySet());
        instruments.addAll(broker.keySet());
        for (String instrument : instruments) {
            Holding ours = book.get(instrument);
            int held = ours == null ? 0 : ours.quantity();
            int theirs = broker.getOrDefault(instrument, 0);
            if (held == theirs || ours == null && !answers.test(instrument)) {
                continue;
            }
            List<String> ids = ours == null ? List.of() : ours.positionIds();
            String detail = held == 0 ? "the broker holds " + theirs + " of " + instrument + "; the book holds none"
                    : "the book holds " + instrument + ": " + held + " (" + String.join(", ", ids) + "); the broker holds "
                    + (theirs == 0 ? "none" : Integer.toString(theirs));
            breaks.add(new Break(instrument, held, theirs, ids, detail));
        }
        return breaks;
    }
}
