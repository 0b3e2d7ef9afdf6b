package com.alphastocks.executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.alphastocks.contracts.SignalGenerated;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * signal.generated in. For now the executor only acknowledges each signal (log and count); filters, risk,
 * strike selection, sizing and orders come with the executor-service issue.
 */
@ApplicationScoped
public class SignalIntake {

    private static final Logger LOG = Logger.getLogger(SignalIntake.class);

    private final MeterRegistry metrics;

    SignalIntake(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    @Incoming("signal-generated")
    @Blocking
    @Retry
    public void onSignalGenerated(SignalGenerated signal) {
        LOG.infof("received signal %s: %s %s %s entry %s stop %s target %s strength %s (correlation %s)",
                signal.getSignalId(), signal.getStrategy(), signal.getAction(), signal.getSymbol(),
                signal.getEntryPrice(), signal.getStopLoss(), signal.getTarget(), signal.getSignalStrength(),
                signal.getMetadata().getCorrelationId());
        metrics.counter("alphastocks.events.processed", "event_type", signal.getMetadata().getEventType().name(),
                "strategy", signal.getStrategy()).increment();
    }
}
