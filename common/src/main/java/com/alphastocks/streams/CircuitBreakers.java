package com.alphastocks.streams;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * The one kind of circuit breaker the services put in front of what lies outside (the live broker, notification
 * providers): open after {@code failuresInARow} failed calls, refuse calls at once for {@code openFor}, then let one
 * call through to try; its success closes the breaker again, its failure opens it for another {@code openFor}.
 */
public final class CircuitBreakers {

    private CircuitBreakers() {
    }

    /** @param failure what counts as a failed call (any other exception passes through without counting) */
    public static CircuitBreaker afterFailuresInARow(String name, int failuresInARow, Duration openFor,
                                                     Class<? extends Throwable> failure) {
        if (failuresInARow < 1) {
            throw new IllegalArgumentException(name + ": a circuit opens after at least 1 failure, not " + failuresInARow);
        }
        return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failuresInARow)
                .minimumNumberOfCalls(failuresInARow)
                .failureRateThreshold(100)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(failure)
                .build());
    }
}
