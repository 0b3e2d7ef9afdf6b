package com.alphastocks.streams.wire;

import java.util.Locale;

/**
 * How events are framed on the wire; one setting ({@value #CONFIG}, env {@code ALPHASTOCKS_WIRE_MODE}) for every
 * service. It decides how a service writes; every service reads both framings, so a topic can move between them.
 */
public enum WireMode {
    /** Avro single-object encoding; schemas resolved by fingerprint from every contract version in the schemas jar. */
    EMBEDDED,
    /** Apicurio's Avro serdes against an Apicurio Registry, for deployments. */
    REGISTRY;

    public static final String CONFIG = "alphastocks.wire-mode";

    public static WireMode from(Object setting) {
        if (setting == null || setting.toString().isBlank()) {
            return EMBEDDED;
        }
        try {
            return valueOf(setting.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CONFIG + " must be 'embedded' or 'registry', not '" + setting + "'");
        }
    }
}
