package com.alphastocks.orders;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.alphastocks.contracts.GatewayMode;

/** Records what would have been ordered and places nothing: the seed's logging-only mode. */
public final class LoggingOnlyGateway implements OrderGateway {

    private static final System.Logger LOG = System.getLogger(LoggingOnlyGateway.class.getName());
    private final Map<String, OrderResult> logged = new ConcurrentHashMap<>();

    @Override
    public GatewayMode mode() {
        return GatewayMode.LOGGING_ONLY;
    }

    @Override
    public OrderResult place(OrderRequest request) {
        return logged.computeIfAbsent(request.orderId(), id -> {
            LOG.log(System.Logger.Level.INFO, "logging-only: would {0} {1} {2} (order {3})", request.side(), request.quantity(),
                    request.instrument(), id);
            return new OrderResult(id, OrderResult.Status.LOGGED, request.quantity(), 0, null, "logging-only mode: nothing was placed");
        });
    }

    @Override
    public Optional<OrderResult> find(String orderId) {
        return Optional.ofNullable(logged.get(orderId));
    }
}
