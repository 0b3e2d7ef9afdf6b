package com.alphastocks.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.alphastocks.contracts.EventType;
import com.alphastocks.contracts.Priority;
import com.alphastocks.contracts.SignalGenerated;
import com.alphastocks.contracts.StrategySignal;

class SignalDeskTest {

    private final SignalDesk desk = new SignalDesk(SignalSamples.STRATEGY);

    @Test
    void shouldGiveTheSignalItsIdAsCorrelationAndAnswerTheStrategyEvent() {
        StrategySignal in = SignalSamples.niftyBuy("rsi-1");

        SignalGenerated out = desk.generate(in);

        assertThat(out.getMetadata().getEventType()).isEqualTo(EventType.SIGNAL_GENERATED);
        assertThat(out.getMetadata().getCorrelationId()).isEqualTo(out.getSignalId());
        assertThat(out.getMetadata().getCausationId()).isEqualTo(in.getMetadata().getEventId());
        assertThat(out.getMetadata().getPriority()).isEqualTo(Priority.NORMAL);
        assertThat(out.getEntryPrice()).isEqualTo(in.getEntryPrice());
        assertThat(out.getFeatures()).containsEntry("rsi", 32.5);
    }

    @Test
    void shouldGiveAResentSignalTheSameIdAndTheSameEventId() {
        SignalGenerated first = desk.generate(SignalSamples.niftyBuy("rsi-2"));
        SignalGenerated resent = desk.generate(SignalSamples.niftyBuy("rsi-2"));

        assertThat(resent.getSignalId()).isEqualTo(first.getSignalId());
        assertThat(resent.getMetadata().getEventId()).isEqualTo(first.getMetadata().getEventId());
        assertThat(desk.generate(SignalSamples.niftyBuy("rsi-3")).getSignalId()).isNotEqualTo(first.getSignalId());
    }

    @Test
    void shouldRaiseAnUrgentSignalToHighPriority() {
        StrategySignal urgent = SignalSamples.niftyBuy("rsi-4");
        urgent.setUrgent(true);

        assertThat(desk.generate(urgent).getMetadata().getPriority()).isEqualTo(Priority.HIGH);
    }
}
