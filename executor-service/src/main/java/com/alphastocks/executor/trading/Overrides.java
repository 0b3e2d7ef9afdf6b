package com.alphastocks.executor.trading;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A mode's values with some replaced from configuration, each named in kebab case ({@code stop-loss-pct}). */
public final class Overrides {

    private Overrides() {
    }

    public static ModeRules apply(ModeRules defaults, Map<String, String> overrides, String where) {
        RecordComponent[] components = ModeRules.class.getRecordComponents();
        Set<String> unknown = new HashSet<>(overrides.keySet());
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                String key = kebab(components[i].getName());
                unknown.remove(key);
                String override = overrides.get(key);
                values[i] = override == null ? components[i].getAccessor().invoke(defaults) : parse(override, components[i].getType(), where + "." + key);
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown setting(s) " + unknown.stream().map(k -> where + "." + k).sorted().toList()
                        + "; known: " + Arrays.stream(components).map(c -> kebab(c.getName())).collect(Collectors.joining(", ")));
            }
            Constructor<ModeRules> constructor = ModeRules.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw new IllegalArgumentException(where + ": " + refused.getMessage(), refused);
            }
            throw new IllegalStateException("cannot apply " + where, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot apply " + where, e);
        }
    }

    private static Object parse(String value, Class<?> type, String key) {
        try {
            if (type == BigDecimal.class) {
                return value.isBlank() || value.equals("none") ? null : new BigDecimal(value.trim());
            }
            if (type == int.class) {
                return Integer.parseInt(value.trim());
            }
            if (type == boolean.class) {
                if (!value.trim().matches("(?i)true|false")) {
                    throw new IllegalArgumentException();
                }
                return Boolean.parseBoolean(value.trim());
            }
        } catch (IllegalArgumentException e) {
            String wanted = type == BigDecimal.class ? "a number (or none)" : type == int.class ? "a whole number" : "true or false";
            throw new IllegalArgumentException(key + " must be " + wanted + ", not '" + value + "'");
        }
        throw new IllegalStateException("no parser for " + type);
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
