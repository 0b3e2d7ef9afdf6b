package com.alphastocks.streams.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

import com.alphastocks.contracts.Contracts;

/**
 * The {@code embedded} wire mode: Avro single-object encoding (marker {@code C3 01}, the writer schema's 64-bit
 * fingerprint, then the body). The writer schema is found among every contract version in the schemas jar and
 * the record is read into the current generated class, so old events stay readable after a compatible change.
 */
final class SingleObjectCodec {

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final int HEADER_SIZE = 10;

    /** Built on the contracts' own class loader: Avro's default one picks the wrong loader inside Quarkus tests. */
    private static final SpecificData MODEL = model();
    private static final SchemaStore.Cache WRITER_SCHEMAS = new SchemaStore.Cache();
    private static final Map<String, BinaryMessageDecoder<SpecificRecord>> DECODERS = new HashMap<>();
    private static final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> ENCODERS = new ConcurrentHashMap<>();

    static {
        Contracts.allVersions().forEach(WRITER_SCHEMAS::addSchema);
        for (var event : Contracts.EVENTS) {
            Schema reader = Contracts.currentSchema(event);
            DECODERS.put(reader.getFullName(), new BinaryMessageDecoder<>(MODEL, reader, WRITER_SCHEMAS));
        }
    }

    private SingleObjectCodec() {
    }

    static boolean isFramed(byte[] data) {
        return data.length >= HEADER_SIZE && data[0] == MARKER_0 && data[1] == MARKER_1;
    }

    static byte[] encode(SpecificRecord event) {
        BinaryMessageEncoder<SpecificRecord> encoder = ENCODERS.computeIfAbsent(event.getClass(),
                c -> new BinaryMessageEncoder<>(MODEL, event.getSchema()));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            encoder.encode(event, out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode " + event.getSchema().getName() + ": " + e.getMessage(), e);
        }
    }

    static SpecificRecord decode(String topic, byte[] data) {
        long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = WRITER_SCHEMAS.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new SerializationException(String.format(
                    "record on %s was written with schema fingerprint %016x, which is no version of any AlphaStocks contract",
                    topic, fingerprint));
        }
        BinaryMessageDecoder<SpecificRecord> decoder = DECODERS.get(writer.getFullName());
        try {
            return decoder.decode(data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + writer.getName() + " on " + topic + ": " + e.getMessage(), e);
        }
    }

    private static SpecificData model() {
        SpecificData model = new SpecificData(Contracts.class.getClassLoader());
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        return model;
    }
}
