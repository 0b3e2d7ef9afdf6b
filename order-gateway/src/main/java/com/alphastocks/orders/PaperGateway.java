package com.alphastocks.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import com.alphastocks.contracts.GatewayMode;
import com.alphastocks.options.Premiums;

/**
 * Paper trading: fills at once against the market — a buy at the ask (or the last price), a sell at the bid
 * (or the last price) — worsened by the configured slippage and rounded to the tick against the trader. Its
 * books ({@link Ledger}) are kept by the service in durable state, so an order id fills once, across restarts.
 */
public final class PaperGateway implements OrderGateway {

    /** The paper broker's books: one entry per order id. */
    public interface Ledger {
        Optional<OrderResult> get(String orderId);

        void put(OrderResult order);

        /** Books kept in any key-value store, e.g. a Kafka Streams state store: {@code Ledger.of(store::get, store::put)}. */
        static Ledger of(java.util.function.Function<String, OrderResult> get, java.util.function.BiConsumer<String, OrderResult> put) {
            return new Ledger() {
                @Override
                public Optional<OrderResult> get(String orderId) {
                    return Optional.ofNullable(get.apply(orderId));
                }

                @Override
                public void put(OrderResult order) {
                    put.accept(order.orderId(), order);
                }
            };
        }
    }

    /** Where prices come from: the option's own tick when there is one, else a model on the underlying. */
    public interface Quotes {
        Optional<Quote> quote(String instrument);
    }

    /** Bid and ask may be unknown (null); the last price never is. */
    public record Quote(BigDecimal bid, BigDecimal ask, BigDecimal last) {
    }

    private final Ledger ledger;
    private final Quotes quotes;
    private final BigDecimal slippagePct;

    public PaperGateway(Ledger ledger, Quotes quotes, BigDecimal slippagePct) {
        this.ledger = ledger;
        this.quotes = quotes;
        this.slippagePct = slippagePct;
    }

    @Override
    public GatewayMode mode() {
        return GatewayMode.PAPER;
    }

    @Override
    public OrderResult place(OrderRequest request) {
        Optional<OrderResult> known = ledger.get(request.orderId());
        if (known.isPresent()) {
            return known.get();
        }
        OrderResult result = quotes.quote(request.instrument())
                .map(quote -> fill(request, quote))
                .orElseGet(() -> new OrderResult(request.orderId(), OrderResult.Status.REJECTED, request.quantity(), 0, null,
                        "no price for " + request.instrument() + " to fill against"));
        ledger.put(result);
        return result;
    }

    @Override
    public Optional<OrderResult> find(String orderId) {
        return ledger.get(orderId);
    }

    private OrderResult fill(OrderRequest request, Quote quote) {
        boolean buy = request.side() == OrderRequest.Side.BUY;
        BigDecimal touch = buy ? (quote.ask() != null ? quote.ask() : quote.last()) : (quote.bid() != null ? quote.bid() : quote.last());
        BigDecimal price = Premiums.plusPct(touch, buy ? slippagePct : slippagePct.negate(), buy ? RoundingMode.UP : RoundingMode.DOWN);
        if (request.limitPrice() != null && (buy ? price.compareTo(request.limitPrice()) > 0 : price.compareTo(request.limitPrice()) < 0)) {
            return new OrderResult(request.orderId(), OrderResult.Status.CANCELLED, request.quantity(), 0, null,
                    "market at " + price.toPlainString() + " is through the limit " + request.limitPrice().toPlainString());
        }
        return new OrderResult(request.orderId(), OrderResult.Status.FILLED, request.quantity(), request.quantity(), price, null);
    }
}
