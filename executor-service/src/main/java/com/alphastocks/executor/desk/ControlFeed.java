package com.alphastocks.executor.desk;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.control.KillSwitch;
import com.alphastocks.streams.control.KillSwitchFeed;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/** The kill switch as every instance sees it and sets it ({@link KillSwitchFeed}), for the desk and the REST API. */
@ApplicationScoped
public class ControlFeed {

    private final Map<String, Object> connection;
    private final ObjectMapper json;
    private KillSwitchFeed feed;

    ControlFeed(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper json) {
        this.connection = KafkaConnection.of(kafka);
        this.json = json;
    }

    public KillSwitch killSwitch() {
        return feed == null ? KillSwitch.OFF : feed.current();
    }

    /** Sets the switch for every instance and waits until the broker has it. */
    public void set(KillSwitch next) throws Exception {
        feed.set(next);
    }

    void start(@Observes StartupEvent start) {
        feed = new KillSwitchFeed(connection, json, "executor-control-feed");
    }

    void stop(@Observes ShutdownEvent stop) {
        if (feed != null) {
            feed.close();
        }
    }
}
