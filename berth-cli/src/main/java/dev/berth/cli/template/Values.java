package dev.berth.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data model templates run on, and Go's rules for it. Values are Java scalars ({@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, null), Jackson trees (objects and arrays keep the
 * daemon's field order), {@code List}/{@code Map}, and {@link TemplateObject}s.
 */
final class Values {
    /** A map key that is not there: Go prints {@code <no value>}. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private Values() {}

    /** JSON scalars become Java values; containers stay trees so {@code json} keeps their order. */
    static Object unwrap(JsonNode n) {
        if (n == null || n.isMissingNode()) return NO_VALUE;
        if (n.isNull()) return null;
        if (n.isTextual()) return n.textValue();
        if (n.isBoolean()) return n.booleanValue();
        if (n.isIntegralNumber()) return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        if (n.isNumber()) return n.doubleValue();
        return n;
    }

    /**
     * Looks up {@code name} on {@code receiver}. A missing map key gives {@link #NO_VALUE}, or an
     * error with {@code strictKeys} (docker inspect runs templates with {@code missingkey=error}).
     * {@code at} is the "line:column" and {@code context} the field chain, for Go's error text.
     */
    static Object field(Object receiver, String name, List<Object> args, boolean strictKeys, String at, String context) {
        String prefix = "template: :" + at + ": executing \"\" at <" + context + ">: ";
        if (receiver == NilMap.INSTANCE) {
            if (!args.isEmpty()) throw new TemplateException(prefix + name + " has arguments but cannot be invoked as function");
            if (strictKeys) throw new TemplateException(prefix + "map has no entry for key \"" + name + "\"");
            return NO_VALUE;
        }
        if (receiver instanceof TemplateObject t) {
            Object v = t.field(name, args);
            if (v == TemplateObject.MISSING) throw new TemplateException(prefix + "can't evaluate field " + name + " in type " + t.goType());
            return v;
        }
        if (!args.isEmpty()) throw new TemplateException(prefix + name + " has arguments but cannot be invoked as function");
        if (receiver instanceof ObjectNode o) {
            if (o.has(name)) return unwrap(o.get(name));
            if (strictKeys) throw new TemplateException(prefix + "map has no entry for key \"" + name + "\"");
            return NO_VALUE;
        }
        if (receiver instanceof Map<?, ?> m) {
            if (m.containsKey(name)) return m.get(name);
            if (strictKeys) throw new TemplateException(prefix + "map has no entry for key \"" + name + "\"");
            return NO_VALUE;
        }
        if (receiver == null || receiver == NO_VALUE) throw new TemplateException(prefix + "nil pointer evaluating interface {}." + name);
        throw new TemplateException(prefix + "can't evaluate field " + name + " in type " + typeName(receiver));
    }

    /** Go's truth: false, 0, nil, and empty strings, slices and maps are false. */
    static boolean truth(Object v) {
        if (v == null || v == NO_VALUE || v == NilMap.INSTANCE) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.doubleValue() != 0;
        if (v instanceof String s) return !s.isEmpty();
        if (v instanceof JsonNode j) return j.size() > 0;
        if (v instanceof List<?> l) return !l.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        return true;
    }

    /** The elements {@code range} visits: [index-or-key, value] pairs. Go visits map keys sorted. */
    static List<Object[]> entries(Object v) {
        List<Object[]> out = new ArrayList<>();
        if (v == null || v == NO_VALUE || v == NilMap.INSTANCE) return out;
        if (v instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) out.add(new Object[]{(long) i, unwrap(a.get(i))});
        } else if (v instanceof ObjectNode o) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            sorted.forEach((k, n) -> out.add(new Object[]{k, unwrap(n)}));
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) out.add(new Object[]{(long) i, l.get(i)});
        } else if (v instanceof Map<?, ?> m) {
            new TreeMap<>(m).forEach((k, x) -> out.add(new Object[]{k, x}));
        } else if (v instanceof Long n) {
            for (long i = 0; i < n; i++) out.add(new Object[]{i, i});
        } else {
            throw new TemplateException("template: :1: range can't iterate over " + GoFormat.print(v));
        }
        return out;
    }

    static String typeName(Object v) {
        if (v == null) return "<nil>";
        if (v instanceof String) return "string";
        if (v instanceof Long) return "int";
        if (v instanceof Double) return "float64";
        if (v instanceof Boolean) return "bool";
        if (v instanceof ArrayNode || v instanceof List) return "[]interface {}";
        if (v instanceof ObjectNode || v instanceof Map) return "map[string]interface {}";
        return v.getClass().getSimpleName();
    }

    static BigDecimal decimal(Object v) {
        if (v instanceof Long l) return BigDecimal.valueOf(l);
        if (v instanceof Double d) return BigDecimal.valueOf(d);
        if (v instanceof java.math.BigInteger b) return new BigDecimal(b);
        return null;
    }
}
