package com.alphastocks.notify.channel;

import com.alphastocks.notify.Notification;

/** Somewhere people read notifications. {@link #send} returns when the provider has accepted the message. */
public interface Channel {

    /** The name rules use: telegram, email, sms, webhook. */
    String name();

    /** Sends one notification; throws with the provider's answer when it was not accepted. */
    void send(Notification notification) throws DeliveryFailed;

    /** A provider that did not accept a message: its answer, for the retry log and the DLQ. */
    final class DeliveryFailed extends Exception {
        public DeliveryFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
