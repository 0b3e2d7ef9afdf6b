package com.alphastocks.streams.wire;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.alphastocks.contracts.OptionContract;
import com.alphastocks.options.OptionType;
import com.alphastocks.streams.Decimals;

/** An option as the events carry it ({@code OptionContract}): the one mapping from the options module's terms to the wire's. */
public final class OptionContracts {

    private OptionContracts() {
    }

    public static OptionContract of(OptionType type, BigDecimal strike, LocalDate expiry) {
        return OptionContract.newBuilder().setOptionType(com.alphastocks.contracts.OptionType.valueOf(type.name()))
                .setStrike(Decimals.scaled(strike)).setExpiry(expiry).build();
    }
}
