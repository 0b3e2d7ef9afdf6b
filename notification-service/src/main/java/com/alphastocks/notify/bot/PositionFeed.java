package com.alphastocks.notify.bot;

import java.util.List;

import com.alphastocks.contracts.PositionClosed;
import com.alphastocks.contracts.PositionOpened;
import com.alphastocks.contracts.PositionUpdated;
import com.alphastocks.streams.Topic;

/** The position events, as the {@link DeskView} keeps them; any other event is no business of the view. */
public final class PositionFeed {

    /** The topics the view is read back from at start, in the order they are applied. */
    public static final List<Topic<?>> TOPICS = List.of(Topic.POSITION_OPENED, Topic.POSITION_UPDATED, Topic.POSITION_CLOSED);

    private PositionFeed() {
    }

    public static void apply(DeskView view, Object event) {
        if (event instanceof PositionOpened o) {
            view.opened(new DeskView.Open(o.getPositionId(), o.getStrategy(), o.getInstrument(), o.getQuantity(), o.getEntryPremium(),
                    o.getExitRules().getStopLossPremium(), o.getExitRules().getTargetPremium(), null, null,
                    o.getEnteredAt() != null ? o.getEnteredAt() : o.getMetadata().getOccurredAt()));
        } else if (event instanceof PositionUpdated u) {
            view.marked(u.getPositionId(), u.getCurrentPremium(), u.getUnrealizedPnl(), u.getStopLossPremium());
        } else if (event instanceof PositionClosed c) {
            view.closed(new DeskView.Closed(c.getPositionId(), c.getStrategy(), c.getInstrument(), c.getNetPnl(), c.getExitReason().name(),
                    c.getExitTime() != null ? c.getExitTime() : c.getMetadata().getOccurredAt()));
        }
    }
}
