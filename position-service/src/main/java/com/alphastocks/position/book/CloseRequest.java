package com.alphastocks.position.book;

import java.time.Instant;

/** A desk's request to close a position now, on the position.control topic keyed by its instrument. */
public record CloseRequest(String positionId, String by, Instant at) {
}
