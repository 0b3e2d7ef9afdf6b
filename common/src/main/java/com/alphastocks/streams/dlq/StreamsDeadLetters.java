package com.alphastocks.streams.dlq;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

import com.alphastocks.streams.KafkaConnection;
import com.alphastocks.streams.Topic;

/**
 * Kafka Streams' side of the DLQ convention (Kafka 4.1 Streams has no DLQ of its own): a record that cannot be
 * read, or whose processing throws, is written to the DLQ with its original bytes and the same headers the
 * SmallRye services write, and the stream carries on. The write is synchronous: a record is never skipped
 * before it is safely in the DLQ; if the DLQ cannot be written, the stream stops rather than lose it.
 */
public class StreamsDeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    private Map<String, Object> producerConfig;
    private KafkaProducer<byte[], byte[]> producer;
    private String service;

    @Override
    public void configure(Map<String, ?> configs) {
        Object name = configs.get(DeadLetters.SERVICE_CONFIG);
        service = String.valueOf(name == null ? configs.get(StreamsConfig.APPLICATION_ID_CONFIG) : name);
        Map<String, Object> producerConfig = new HashMap<>(KafkaConnection.of(configs));
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-dlq");
        this.producerConfig = producerConfig;
    }

    /**
     * Made on the first dead letter: Kafka Streams never closes its exception handlers, so a producer made up front
     * would outlive every {@code KafkaStreams} that configured one, even on a day without a bad record.
     */
    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        return send(context, record.key(), record.value(), exception)
                ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return send(context, context.sourceRawKey(), context.sourceRawValue(), exception)
                ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
    }

    private boolean send(ErrorHandlerContext context, byte[] key, byte[] value, Exception exception) {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(Topic.DLQ.topicName(), key, value);
        DeadLetters.stamp(dead.headers(), context.topic(), context.partition(), context.offset(), String.valueOf(exception.getMessage()),
                exception.getClass().getName(), service, 1);
        try {
            producer().send(dead).get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
