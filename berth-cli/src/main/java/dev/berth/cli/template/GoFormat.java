package dev.berth.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.json.JsonNodes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Go's fmt rules for printing template values: {@code %v}, {@code strconv.Quote}, {@code printf}, and JSON. */
public final class GoFormat {
    private GoFormat() {}

    /** {@code fmt.Sprint(v)} as a template prints it. */
    public static String print(Object v) {
        if (v == null) return "<nil>";
        if (v == Values.NO_VALUE) return "<no value>";
        if (v instanceof String s) return s;
        if (v instanceof Double d) return formatFloat(d);
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        if (v == NilMap.INSTANCE) return "map[]";
        if (v instanceof TemplateObject t) return print(t.toJson());
        if (v instanceof ArrayNode a) {
            List<String> parts = new ArrayList<>();
            a.forEach(x -> parts.add(print(Values.unwrap(x))));
            return "[" + String.join(" ", parts) + "]";
        }
        if (v instanceof ObjectNode o) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), Values.unwrap(e.getValue()));
            }
            return printMap(sorted);
        }
        if (v instanceof JsonNode j) return print(Values.unwrap(j));
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(print(x)));
            return "[" + String.join(" ", parts) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
            return printMap(sorted);
        }
        return v.toString();
    }

    private static String printMap(TreeMap<String, Object> sorted) {
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, x) -> parts.add(k + ":" + print(x)));
        return "map[" + String.join(" ", parts) + "]";
    }

    /** {@code strconv.FormatFloat(f, 'g', -1, 64)}: shortest digits, exponent form from 1e+06 on (as {@code %v}). */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale();
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return sign + bd.abs().toPlainString();
    }

    /** {@code strconv.Quote}. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case 7 -> sb.append("\\a");
                case 8 -> sb.append("\\b");
                case 12 -> sb.append("\\f");
                case 11 -> sb.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", c));
                    else if (!Character.isDefined(c) || Character.getType(c) == Character.CONTROL) sb.append(String.format("\\u%04x", c));
                    else sb.appendCodePoint(c);
                }
            }
        });
        return sb.append('"').toString();
    }

    /** Marshals a value as {@code json} does (no HTML escaping, field order kept). */
    public static String json(Object v) {
        if (v == Values.NO_VALUE) return "null";
        // docker's contexts marshal themselves with json.Marshal, which escapes <, > and &
        if (v instanceof TemplateObject t) return JsonNodes.string(t.toJson()).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        return JsonNodes.string(v);
    }

    /** {@code fmt.Sprintf} for the verbs templates use: v s d q t f g e x X c %. */
    public static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argi = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            i++;
            StringBuilder flags = new StringBuilder();
            while (i < format.length() && "-+# 0".indexOf(format.charAt(i)) >= 0) flags.append(format.charAt(i++));
            int width = -1;
            int ws = i;
            while (i < format.length() && Character.isDigit(format.charAt(i))) i++;
            if (i > ws) width = Integer.parseInt(format.substring(ws, i));
            int prec = -1;
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                int ps = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) i++;
                prec = i > ps ? Integer.parseInt(format.substring(ps, i)) : 0;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argi >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object arg = args.get(argi++);
            out.append(pad(formatOne(verb, arg, prec, flags.toString()), width, flags.indexOf("-") >= 0,
                    flags.indexOf("0") >= 0 && "dfegxX".indexOf(verb) >= 0));
        }
        for (; argi < args.size(); argi++) {
            out.append("%!(EXTRA ").append(Values.typeName(args.get(argi))).append('=').append(print(args.get(argi))).append(')');
        }
        return out.toString();
    }

    private static String formatOne(char verb, Object arg, int prec, String flags) {
        return switch (verb) {
            case 'v' -> print(arg);
            case 's' -> {
                String s = print(arg);
                yield prec >= 0 && prec < s.length() ? s.substring(0, prec) : s;
            }
            case 'q' -> arg instanceof String s ? quote(s) : arg instanceof Long l ? "'" + (char) l.longValue() + "'" : bad(verb, arg);
            case 't' -> arg instanceof Boolean b ? b.toString() : bad(verb, arg);
            case 'd' -> arg instanceof Long || arg instanceof java.math.BigInteger
                    ? (flags.contains("+") && ((Number) arg).longValue() >= 0 ? "+" : "") + arg : bad(verb, arg);
            case 'c' -> arg instanceof Long l ? new String(Character.toChars(l.intValue())) : bad(verb, arg);
            case 'x', 'X' -> {
                String s;
                if (arg instanceof Long l) s = Long.toHexString(l);
                else if (arg instanceof String str) {
                    StringBuilder sb = new StringBuilder();
                    for (byte b : str.getBytes(java.nio.charset.StandardCharsets.UTF_8)) sb.append(String.format("%02x", b & 0xff));
                    s = sb.toString();
                } else yield bad(verb, arg);
                yield verb == 'X' ? s.toUpperCase(java.util.Locale.ROOT) : s;
            }
            case 'f', 'F', 'e', 'g' -> {
                Double d = arg instanceof Double x ? x : null;
                if (d == null) yield bad(verb, arg);
                if (verb == 'g' && prec < 0) yield formatFloat(d);
                String f = String.format(java.util.Locale.ROOT, "%" + (flags.contains("+") ? "+" : "") + "." + (prec < 0 ? 6 : prec) + (verb == 'F' ? 'f' : verb), d);
                yield verb == 'e' ? f.replaceAll("e([+-])(\\d)$", "e$10$2") : f;
            }
            default -> "%!" + verb + "(" + Values.typeName(arg) + "=" + print(arg) + ")";
        };
    }

    private static String bad(char verb, Object arg) {
        return "%!" + verb + "(" + Values.typeName(arg) + "=" + print(arg) + ")";
    }

    private static String pad(String s, int width, boolean left, boolean zero) {
        int len = s.codePointCount(0, s.length());
        if (width <= len) return s;
        String fill = (zero && !left ? "0" : " ").repeat(width - len);
        if (left) return s + fill;
        if (zero && (s.startsWith("-") || s.startsWith("+"))) return s.charAt(0) + fill + s.substring(1);
        return fill + s;
    }
}
