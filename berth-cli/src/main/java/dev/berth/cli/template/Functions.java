package dev.berth.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions a template may call: Go's builtins ({@code and or not len index slice print
 * printf println eq ne lt le gt ge}) and docker's additions ({@code json split join title lower
 * upper pad truncate}). For table headers docker swaps its additions for pass-through versions,
 * so {@code {{upper .Name}}} still prints the header {@code NAME}: see {@link #HEADER}.
 */
final class Functions {
    @FunctionalInterface
    interface Function {
        Object apply(List<Object> args);
    }

    static final Map<String, Function> BASIC = new HashMap<>();
    static final Map<String, Function> HEADER = new HashMap<>();

    static {
        BASIC.put("and", args -> {
            need("and", args, 1, -1);
            for (Object a : args) if (!Values.truth(a)) return a;
            return args.getLast();
        });
        BASIC.put("or", args -> {
            need("or", args, 1, -1);
            for (Object a : args) if (Values.truth(a)) return a;
            return args.getLast();
        });
        BASIC.put("not", args -> {
            need("not", args, 1, 1);
            return !Values.truth(args.getFirst());
        });
        BASIC.put("len", args -> {
            need("len", args, 1, 1);
            return (long) length(args.getFirst());
        });
        BASIC.put("index", Functions::index);
        BASIC.put("slice", Functions::slice);
        BASIC.put("print", args -> sprint(args, false));
        BASIC.put("println", args -> sprint(args, true));
        BASIC.put("printf", args -> {
            need("printf", args, 1, -1);
            return GoFormat.sprintf(str(args.getFirst()), args.subList(1, args.size()));
        });
        BASIC.put("eq", args -> {
            need("eq", args, 2, -1);
            for (Object b : args.subList(1, args.size())) if (compare(args.getFirst(), b, true) == 0) return true;
            return false;
        });
        BASIC.put("ne", args -> {
            need("ne", args, 2, 2);
            return compare(args.get(0), args.get(1), true) != 0;
        });
        BASIC.put("lt", args -> {
            need("lt", args, 2, 2);
            return compare(args.get(0), args.get(1), false) < 0;
        });
        BASIC.put("le", args -> {
            need("le", args, 2, 2);
            return compare(args.get(0), args.get(1), false) <= 0;
        });
        BASIC.put("gt", args -> {
            need("gt", args, 2, 2);
            return compare(args.get(0), args.get(1), false) > 0;
        });
        BASIC.put("ge", args -> {
            need("ge", args, 2, 2);
            return compare(args.get(0), args.get(1), false) >= 0;
        });

        Map<String, Function> docker = new HashMap<>();
        docker.put("json", args -> {
            need("json", args, 1, 1);
            return GoFormat.json(args.getFirst());
        });
        docker.put("split", args -> {
            need("split", args, 2, 2);
            String s = str(args.get(0));
            String sep = str(args.get(1));
            List<Object> out = new ArrayList<>();
            if (sep.isEmpty()) {
                s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
                return out;
            }
            int from = 0;
            int at;
            while ((at = s.indexOf(sep, from)) >= 0) {
                out.add(s.substring(from, at));
                from = at + sep.length();
            }
            out.add(s.substring(from));
            return out;
        });
        docker.put("join", args -> {
            need("join", args, 2, 2);
            List<String> parts = new ArrayList<>();
            for (Object[] e : Values.entries(args.get(0))) parts.add(GoFormat.print(e[1]));
            return String.join(str(args.get(1)), parts);
        });
        docker.put("title", args -> {
            need("title", args, 1, 1);
            return title(str(args.getFirst()));
        });
        docker.put("lower", args -> {
            need("lower", args, 1, 1);
            return str(args.getFirst()).toLowerCase(Locale.ROOT);
        });
        docker.put("upper", args -> {
            need("upper", args, 1, 1);
            return str(args.getFirst()).toUpperCase(Locale.ROOT);
        });
        docker.put("pad", args -> {
            need("pad", args, 3, 3);
            return " ".repeat((int) integer(args.get(1))) + str(args.get(0)) + " ".repeat((int) integer(args.get(2)));
        });
        docker.put("truncate", args -> {
            need("truncate", args, 2, 2);
            String s = str(args.get(0));
            int n = (int) integer(args.get(1));
            return s.codePointCount(0, s.length()) > n ? s.substring(0, s.offsetByCodePoints(0, n)) : s;
        });
        BASIC.putAll(docker);
        HEADER.putAll(BASIC);
        // headers are plain strings: every docker function returns its first argument unchanged
        for (String name : docker.keySet()) HEADER.put(name, args -> args.isEmpty() ? "" : GoFormat.print(args.getFirst()));
    }

    private Functions() {}

    private static void need(String name, List<Object> args, int min, int max) {
        if (args.size() < min || (max >= 0 && args.size() > max)) {
            throw new TemplateException("template: :1: wrong number of args for " + name + ": want " + (max < 0 ? "at least " + min : Integer.toString(min))
                    + " got " + args.size());
        }
    }

    static String str(Object v) {
        return v instanceof String s ? s : GoFormat.print(v);
    }

    private static long integer(Object v) {
        if (v instanceof Long l) return l;
        if (v instanceof Double d && d == Math.rint(d)) return d.longValue();
        throw new TemplateException("template: :1: expected integer; found " + GoFormat.print(v));
    }

    private static int length(Object v) {
        if (v instanceof String s) return s.getBytes(StandardCharsets.UTF_8).length;
        if (v instanceof JsonNode j && (j.isArray() || j.isObject())) return j.size();
        if (v instanceof List<?> l) return l.size();
        if (v instanceof Map<?, ?> m) return m.size();
        throw new TemplateException("template: :1: error calling len: len of type " + Values.typeName(v));
    }

    private static Object index(List<Object> args) {
        need("index", args, 1, -1);
        Object cur = args.getFirst();
        for (Object key : args.subList(1, args.size())) {
            if (cur instanceof ArrayNode a) {
                long i = integer(key);
                if (i < 0 || i >= a.size()) throw new TemplateException("template: :1: error calling index: index out of range: " + i);
                cur = Values.unwrap(a.get((int) i));
            } else if (cur instanceof List<?> l) {
                long i = integer(key);
                if (i < 0 || i >= l.size()) throw new TemplateException("template: :1: error calling index: index out of range: " + i);
                cur = l.get((int) i);
            } else if (cur instanceof ObjectNode o) {
                // a missing key yields the zero value; docker's label and option maps hold strings
                JsonNode n = o.get(str(key));
                cur = n == null ? "" : Values.unwrap(n);
            } else if (cur instanceof Map<?, ?> m) {
                Object n = m.get(str(key));
                cur = n == null && !m.containsKey(str(key)) ? "" : n;
            } else if (cur == null || cur == Values.NO_VALUE) {
                throw new TemplateException("template: :1: error calling index: index of untyped nil");
            } else {
                throw new TemplateException("template: :1: error calling index: can't index item of type " + Values.typeName(cur));
            }
        }
        return cur;
    }

    private static Object slice(List<Object> args) {
        need("slice", args, 1, 4);
        Object v = args.getFirst();
        if (v instanceof String s) {
            int from = args.size() > 1 ? (int) integer(args.get(1)) : 0;
            int to = args.size() > 2 ? (int) integer(args.get(2)) : s.length();
            if (from < 0 || to > s.length() || from > to) throw new TemplateException("template: :1: error calling slice: index out of range");
            return s.substring(from, to);
        }
        List<Object> items = new ArrayList<>();
        for (Object[] e : Values.entries(v)) items.add(e[1]);
        int from = args.size() > 1 ? (int) integer(args.get(1)) : 0;
        int to = args.size() > 2 ? (int) integer(args.get(2)) : items.size();
        if (from < 0 || to > items.size() || from > to) throw new TemplateException("template: :1: error calling slice: index out of range");
        return new ArrayList<>(items.subList(from, to));
    }

    /** fmt.Sprint puts spaces between operands when neither is a string; Sprintln always, plus a newline. */
    private static String sprint(List<Object> args, boolean ln) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0 && (ln || !(args.get(i - 1) instanceof String) && !(args.get(i) instanceof String))) sb.append(' ');
            sb.append(GoFormat.print(args.get(i)));
        }
        if (ln) sb.append('\n');
        return sb.toString();
    }

    private static int compare(Object a, Object b, boolean equalityOnly) {
        BigDecimal x = Values.decimal(a);
        BigDecimal y = Values.decimal(b);
        if (x != null && y != null) return x.compareTo(y);
        if (a instanceof String s && b instanceof String t) return s.compareTo(t);
        if (equalityOnly) {
            if (a instanceof Boolean p && b instanceof Boolean q) return p.equals(q) ? 0 : 1;
            if (a == null || b == null) return a == b ? 0 : 1;
        }
        throw new TemplateException("template: :1: error calling " + (equalityOnly ? "eq" : "lt") + ": incompatible types for comparison");
    }

    /** strings.Title: upper-cases the first letter of every word. */
    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(start ? Character.toTitleCase(c) : c);
            start = !Character.isLetterOrDigit(c) && c != '_' && c != '\'';
        }
        return sb.toString();
    }
}
