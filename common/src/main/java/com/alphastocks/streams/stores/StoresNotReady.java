package com.alphastocks.streams.stores;

/** A store that cannot be read now (the service starting or rebalancing, another instance away): try again shortly. */
public final class StoresNotReady extends RuntimeException {

    public StoresNotReady(String message, Throwable cause) {
        super(message, cause);
    }
}
