package com.alphastocks.signal;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.StrategySignal;
import com.alphastocks.streams.Envelope;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;

/** strategy.signals in, signal.generated out, keyed by signal id. */
@ApplicationScoped
public class StrategySignalIntake {

    private final SignalDesk desk;

    StrategySignalIntake(Envelope envelope) {
        this.desk = new SignalDesk(envelope);
    }

    @Incoming("strategy-signals")
    @Outgoing("signal-generated")
    @Blocking
    @Retry
    public Record<String, SignalGenerated> onStrategySignal(StrategySignal signal) {
        SignalGenerated generated = desk.generate(signal);
        return Record.of(generated.getSignalId(), generated);
    }
}
