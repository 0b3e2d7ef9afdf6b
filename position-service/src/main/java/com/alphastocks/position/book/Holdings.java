package com.alphastocks.position.book;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.alphastocks.position.trading.OpenPosition;

/** The open positions in one instrument: what the position book keeps per instrument key. */
public record Holdings(List<OpenPosition> positions) {

    public Optional<OpenPosition> find(String positionId) {
        return positions.stream().filter(p -> p.positionId().equals(positionId)).findFirst();
    }

    public Holdings with(OpenPosition position) {
        List<OpenPosition> next = new ArrayList<>();
        boolean replaced = false;
        for (OpenPosition p : positions) {
            if (p.positionId().equals(position.positionId())) {
                replaced = true;
                if (!position.closed()) {
                    next.add(position);
                }
            } else {
                next.add(p);
            }
        }
        if (!replaced && !position.closed()) {
            next.add(position);
        }
        return new Holdings(List.copyOf(next));
    }
}
