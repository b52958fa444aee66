package dev.berth.cli.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed Go text/template, the subset docker's {@code --format} flags use:
 * <pre>
 *   {{.Field}} {{.A.B}} {{.Method "arg"}} {{$}} {{$x := .A}} {{$x}}
 *   {{if p}}..{{else if q}}..{{else}}..{{end}}   {{range $i, $e := p}}..{{else}}..{{end}}   {{with p}}..{{end}}
 *   {{p | f a}}  {{(p).Field}}  {{- trim -}}  {{/* comment *&#47;}}
 *   functions: and or not len index slice print printf println eq ne lt le gt ge
 *              json split join title lower upper pad truncate
 * </pre>
 * Data is a Jackson tree (inspect documents), a {@link TemplateObject} (list rows), or plain
 * Java maps, lists and scalars. Missing map keys print {@code <no value>}, as in Go.
 */
public final class Template {
    private final String name;
    private final List<Node> nodes;
    private final boolean strictKeys;

    private Template(String name, List<Node> nodes, boolean strictKeys) {
        this.name = name;
        this.nodes = nodes;
        this.strictKeys = strictKeys;
    }

    /** An unnamed template, as most of docker's formatters make. */
    public static Template parse(String text) {
        return parse("", text);
    }

    /** A template whose errors carry {@code name}, as Go's do ("template: version:1: ..."). */
    public static Template parse(String name, String text) {
        try {
            return new Template(name, Parser.parse(text, Functions.BASIC.keySet()), false);
        } catch (TemplateException e) {
            throw named(name, e);
        }
    }

    /** Go's {@code Option("missingkey=error")}: a missing map key fails instead of printing {@code <no value>}. */
    public Template missingKeyError() {
        return new Template(name, nodes, true);
    }

    /** Executes the template on {@code data}. */
    public String execute(Object data) {
        StringBuilder out = new StringBuilder();
        executeInto(data, out);
        return out.toString();
    }

    /** Executes the template on {@code data} into {@code out}, which keeps what was written before a failure. */
    public void executeInto(Object data, StringBuilder out) {
        try {
            new Evaluator(Functions.BASIC, out, strictKeys).run(nodes, wrap(data));
        } catch (TemplateException e) {
            throw named(name, e);
        }
    }

    /** The parser and evaluator word their errors as Go does for an unnamed template; this names it. */
    private static TemplateException named(String name, TemplateException e) {
        if (name.isEmpty()) return e;
        return new TemplateException(e.getMessage().replaceFirst("^template: :", "template: " + name + ":")
                .replace("executing \"\" at", "executing \"" + name + "\" at"));
    }

    /** Executes the template on a table's header row, with docker's pass-through header functions. */
    public String executeHeader(Map<String, String> headers) {
        StringBuilder out = new StringBuilder();
        new Evaluator(Functions.HEADER, out, false).run(nodes, new HeaderRow(headers));
        return out.toString();
    }

    private static Object wrap(Object data) {
        return data instanceof JsonNode j ? Values.unwrap(j) : data;
    }

    /**
     * The header row: known fields give their column title, others an empty cell. A
     * {@code .Label "com.example.tier-name"} column is titled by the label's last dotted part
     * with dashes and underscores as spaces ({@code tier name}), as docker titles it.
     */
    private record HeaderRow(Map<String, String> headers) implements TemplateObject {
        @Override
        public Object field(String name, List<Object> args) {
            if (name.equals("Label") && args.size() == 1 && args.getFirst() instanceof String label) {
                return label.substring(label.lastIndexOf('.') + 1).replace('-', ' ').replace('_', ' ');
            }
            String h = headers.get(name);
            return h == null ? "" : h;
        }

        @Override
        public Object toJson() {
            return headers;
        }
    }

    /** Walks the node tree; variables live in a stack of (name, value) frames. */
    private static final class Evaluator {
        private final Map<String, Functions.Function> functions;
        private final StringBuilder out;
        private final boolean strictKeys;
        private final List<Object[]> vars = new ArrayList<>();

        Evaluator(Map<String, Functions.Function> functions, StringBuilder out, boolean strictKeys) {
            this.functions = functions;
            this.out = out;
            this.strictKeys = strictKeys;
        }

        void run(List<Node> nodes, Object dot) {
            vars.add(new Object[]{"$", dot});
            walk(nodes, dot);
        }

        private void walk(List<Node> nodes, Object dot) {
            for (Node n : nodes) {
                switch (n) {
                    case Node.Text t -> out.append(t.text());
                    case Node.Action a -> {
                        Object v = pipeline(a.pipeline(), dot);
                        if (a.pipeline().vars().isEmpty()) out.append(GoFormat.print(v));
                    }
                    case Node.If i -> {
                        int mark = vars.size();
                        boolean cond = Values.truth(pipeline(i.condition(), dot));
                        walk(cond ? i.then() : i.otherwise(), dot);
                        truncate(mark);
                    }
                    case Node.With w -> {
                        int mark = vars.size();
                        Object v = pipeline(w.pipeline(), dot);
                        if (Values.truth(v)) walk(w.body(), v);
                        else walk(w.otherwise(), dot);
                        truncate(mark);
                    }
                    case Node.Range r -> range(r, dot);
                }
            }
        }

        private void range(Node.Range r, Object dot) {
            int mark = vars.size();
            Node.Pipeline p = r.pipeline();
            Object v = commands(p, dot);
            List<Object[]> items = Values.entries(v);
            if (items.isEmpty()) {
                walk(r.otherwise(), dot);
                truncate(mark);
                return;
            }
            for (Object[] item : items) {
                int inner = vars.size();
                if (p.vars().size() == 1) vars.add(new Object[]{p.vars().getFirst(), item[1]});
                if (p.vars().size() == 2) {
                    vars.add(new Object[]{p.vars().get(0), item[0]});
                    vars.add(new Object[]{p.vars().get(1), item[1]});
                }
                walk(r.body(), item[1]);
                truncate(inner);
            }
            truncate(mark);
        }

        private void truncate(int size) {
            while (vars.size() > size) vars.removeLast();
        }

        /** Evaluates a pipeline and declares or assigns its variables. */
        private Object pipeline(Node.Pipeline p, Object dot) {
            Object v = commands(p, dot);
            for (String name : p.vars()) {
                if (p.declare()) {
                    vars.add(new Object[]{name, v});
                } else {
                    variableSlot(name)[1] = v;
                }
            }
            return v;
        }

        private Object commands(Node.Pipeline p, Object dot) {
            Object result = null;
            boolean first = true;
            for (Node.Command c : p.commands()) {
                result = command(c, dot, first ? null : new Object[]{result}, p.source());
                first = false;
            }
            return result;
        }

        /** {@code piped} is null for the first command, else a one-element box with the previous result. */
        private Object command(Node.Command c, Object dot, Object[] piped, String source) {
            Node.Arg head = c.args().getFirst();
            List<Object> args = new ArrayList<>();
            for (Node.Arg a : c.args().subList(1, c.args().size())) args.add(operand(a, dot, source));
            if (piped != null) args.add(piped[0]);
            return switch (head) {
                case Node.Arg.Identifier f -> functions.get(f.name()).apply(args);
                case Node.Arg.Field f -> field(f, dot, args, source);
                default -> {
                    if (!args.isEmpty()) throw new TemplateException("template: :1: executing \"\" at <" + source + ">: can't give argument to non-function");
                    yield operand(head, dot, source);
                }
            };
        }

        private Object operand(Node.Arg a, Object dot, String source) {
            return switch (a) {
                case Node.Arg.Dot d -> dot;
                case Node.Arg.Literal l -> l.value();
                case Node.Arg.Variable v -> variableSlot(v.name())[1];
                case Node.Arg.Nested n -> pipeline(n.pipeline(), dot);
                case Node.Arg.Field f -> field(f, dot, List.of(), source);
                case Node.Arg.Identifier f -> functions.get(f.name()).apply(List.of());
            };
        }

        /** Applies a field chain; only the last field receives the arguments (a method call). */
        private Object field(Node.Arg.Field f, Object dot, List<Object> args, String source) {
            Object cur = operand(f.receiver(), dot, source);
            List<String> names = f.names();
            for (int i = 0; i < names.size(); i++) {
                boolean last = i == names.size() - 1;
                cur = Values.field(cur, names.get(i), last ? args : List.of(), strictKeys, f.where().get(i), f.text());
            }
            return cur;
        }

        private Object[] variableSlot(String name) {
            for (int i = vars.size() - 1; i >= 0; i--) if (vars.get(i)[0].equals(name)) return vars.get(i);
            throw new TemplateException("template: :1: undefined variable \"" + name + "\"");
        }
    }
}
