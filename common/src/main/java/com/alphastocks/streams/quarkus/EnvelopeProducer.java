package com.alphastocks.streams.quarkus;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.alphastocks.streams.Envelope;

/** The service's {@link Envelope}: its name (quarkus.application.name) stamped on everything it publishes. */
public class EnvelopeProducer {

    @Produces
    @Singleton
    Envelope envelope(@ConfigProperty(name = "quarkus.application.name") String service) {
        return new Envelope(service, Clock.systemUTC());
    }
}
