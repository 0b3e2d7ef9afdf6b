package com.alphastocks.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;


class PaperGatewayTest {

    private final Map<String, OrderResult> books = new HashMap<>();
    private final Map<String, PaperGateway.Quote> market = new HashMap<>();
    private final PaperGateway paper = new PaperGateway(PaperGateway.Ledger.of(books::get, books::put),
            instrument -> Optional.ofNullable(market.get(instrument)), new BigDecimal("0.1"));

    @Test
    void shouldBuyAtTheAskPlusSlippageRoundedUpToTheTick() {
        market.put("NIFTY25D0921500CE", new PaperGateway.Quote(d("152.30"), d("152.40"), d("152.35")));

        OrderResult fill = paper.place(new OrderRequest("EN1", "NIFTY25D0921500CE", OrderRequest.Side.BUY, 150, null));

        // 152.40 x 1.001 = 152.5524 -> up to the tick: 152.60
        assertThat(fill.status()).isEqualTo(OrderResult.Status.FILLED);
        assertThat(fill.filledQuantity()).isEqualTo(150);
        assertThat(fill.averagePrice()).isEqualByComparingTo("152.60");
    }

    @Test
    void shouldSellAtTheBidLessSlippageRoundedDownAndUseTheLastPriceWithoutQuotes() {
        market.put("NIFTY25D0921500CE", new PaperGateway.Quote(d("175.40"), d("175.50"), d("175.45")));
        market.put("NIFTY25D0921600CE", new PaperGateway.Quote(null, null, d("120.00")));

        // 175.40 x 0.999 = 175.2246 -> down to 175.20; 120 x 0.999 = 119.88 -> 119.85
        assertThat(paper.place(new OrderRequest("EX1", "NIFTY25D0921500CE", OrderRequest.Side.SELL, 150, null)).averagePrice()).isEqualByComparingTo("175.20");
        assertThat(paper.place(new OrderRequest("EX2", "NIFTY25D0921600CE", OrderRequest.Side.SELL, 75, null)).averagePrice()).isEqualByComparingTo("119.85");
    }

    @Test
    void shouldFillAnOrderIdOnceWhateverTheMarketDoesAfterwards() {
        market.put("NIFTY25D0921500CE", new PaperGateway.Quote(d("152.30"), d("152.40"), d("152.35")));
        OrderResult first = paper.place(new OrderRequest("EN2", "NIFTY25D0921500CE", OrderRequest.Side.BUY, 150, null));
        market.put("NIFTY25D0921500CE", new PaperGateway.Quote(d("160.00"), d("160.10"), d("160.05")));

        assertThat(paper.place(new OrderRequest("EN2", "NIFTY25D0921500CE", OrderRequest.Side.BUY, 150, null))).isEqualTo(first);
        assertThat(books).hasSize(1);
    }

    @Test
    void shouldRejectWhenThereIsNoPriceAndCancelAMarketThroughTheLimit() {
        market.put("NIFTY25D0921500CE", new PaperGateway.Quote(d("152.30"), d("152.40"), d("152.35")));

        assertThat(paper.place(new OrderRequest("EN3", "NIFTY25D0921700CE", OrderRequest.Side.BUY, 75, null)))
                .extracting(OrderResult::status, OrderResult::reason)
                .containsExactly(OrderResult.Status.REJECTED, "no price for NIFTY25D0921700CE to fill against");
        assertThat(paper.place(new OrderRequest("EN4", "NIFTY25D0921500CE", OrderRequest.Side.BUY, 75, d("152.00"))))
                .extracting(OrderResult::status, OrderResult::reason)
                .containsExactly(OrderResult.Status.CANCELLED, "market at 152.60 is through the limit 152.00");
    }

    @Test
    void shouldDeriveOneShortOrderIdPerPurpose() {
        assertThat(OrderIds.entry("sig-1")).hasSize(20).startsWith("EN").isEqualTo(OrderIds.entry("sig-1")).isNotEqualTo(OrderIds.entry("sig-2"));
        assertThat(OrderIds.exit("pos-1", 1)).hasSize(20).startsWith("EX").isNotEqualTo(OrderIds.exit("pos-1", 2));
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
