package com.alphastocks.streams;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import com.alphastocks.contracts.Contracts;
import com.alphastocks.contracts.EventMetadata;
import com.alphastocks.contracts.EventType;

/**
 * One event of any contract with every field filled (optional ones too, so that a reader must decode them all):
 * strings from the field's name, exact decimals at the field's scale, times to the microsecond, the last enum
 * symbol. Made from the schema, so a new contract or field needs nothing here.
 */
public final class ContractSamples {

    private static final SpecificData MODEL = new SpecificData(Contracts.class.getClassLoader());

    private ContractSamples() {
    }

    /** Every contract, one event each, in {@link Contracts#EVENTS} order. */
    public static List<SpecificRecord> everyContract() {
        List<SpecificRecord> events = new ArrayList<>();
        Contracts.EVENTS.forEach(type -> events.add(of(type)));
        return events;
    }

    public static <T extends SpecificRecord> T of(Class<T> type) {
        T event = type.cast(value(Contracts.currentSchema(type), type.getSimpleName()));
        // The one field that must say which contract it is: PositionOpened -> POSITION_OPENED.
        EventMetadata metadata = (EventMetadata) event.get(event.getSchema().getField("metadata").pos());
        metadata.setEventType(EventType.valueOf(type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT)));
        return event;
    }

    private static Object value(Schema schema, String name) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return new BigDecimal("21543.2178").setScale(decimal.getScale(), RoundingMode.HALF_EVEN);
        }
        if (logical instanceof LogicalTypes.TimestampMicros) {
            return Instant.parse("2025-12-03T05:45:12.345678Z");
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return Instant.parse("2025-12-03T05:45:12.345Z").truncatedTo(ChronoUnit.MILLIS);
        }
        if (logical instanceof LogicalTypes.Date) {
            return LocalDate.of(2025, 12, 9);
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            return LocalTime.of(15, 15);
        }
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) MODEL.newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), value(field.schema(), field.name()));
                }
                yield record;
            }
            case UNION -> value(schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow(), name);
            case ENUM -> MODEL.createEnum(schema.getEnumSymbols().get(schema.getEnumSymbols().size() - 1), schema);
            case STRING -> name + "-1";
            case INT -> 7;
            case LONG -> 1_764_740_712_345L;
            case DOUBLE -> 32.5;
            case FLOAT -> 1.5f;
            case BOOLEAN -> true;
            case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, 3});
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put(name + "-key", value(schema.getValueType(), name));
                yield map;
            }
            case ARRAY -> new ArrayList<>(List.of(value(schema.getElementType(), name)));
            default -> throw new IllegalArgumentException("no sample for " + schema.getType() + " (field " + name + ")");
        };
    }

    /** The same data under another version's schema, field by field by name. */
    public static Object asVersion(Object value, Schema schema) {
        if (value instanceof org.apache.avro.specific.SpecificRecord record) {
            org.apache.avro.generic.GenericData.Record copy = new org.apache.avro.generic.GenericData.Record(schema);
            for (Schema.Field field : schema.getFields()) {
                Schema fieldSchema = field.schema().isNullable() && field.schema().getType() == Schema.Type.UNION
                        ? field.schema().getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow()
                        : field.schema();
                Object fieldValue = record.get(record.getSchema().getField(field.name()).pos());
                copy.put(field.name(), fieldValue == null ? null : asVersion(fieldValue, fieldSchema));
            }
            return copy;
        }
        if (value instanceof Enum<?> symbol) {
            return new org.apache.avro.generic.GenericData.EnumSymbol(schema, symbol.name());
        }
        return value;
    }
}
