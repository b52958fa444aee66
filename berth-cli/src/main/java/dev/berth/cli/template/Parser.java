package dev.berth.cli.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds the {@link Node} tree from tokens; checks that every function used is defined. */
final class Parser {
    private final List<Token> tokens;
    private final String src;
    private final Set<String> functions;
    private int i;

    private Parser(String src, List<Token> tokens, Set<String> functions) {
        this.src = src;
        this.tokens = tokens;
        this.functions = functions;
    }

    static List<Node> parse(String src, Set<String> functions) {
        Parser p = new Parser(src, Lexer.lex(src), functions);
        List<Node> nodes = new ArrayList<>();
        String end = p.list(nodes);
        if (end != null) throw p.error("unexpected {{" + end + "}}");
        return nodes;
    }

    /** Parses nodes until {{end}} / {{else}} or EOF; returns "end", "else" or null (EOF). */
    private String list(List<Node> into) {
        while (true) {
            Token t = tokens.get(i);
            switch (t.kind()) {
                case EOF -> {
                    return null;
                }
                case TEXT -> {
                    into.add(new Node.Text(t.text()));
                    i++;
                }
                case LEFT -> {
                    i++;
                    Token k = tokens.get(i);
                    if (k.kind() == Token.Kind.IDENTIFIER) {
                        switch (k.text()) {
                            case "end" -> {
                                i++;
                                expect(Token.Kind.RIGHT);
                                return "end";
                            }
                            case "else" -> {
                                i++;
                                return "else";
                            }
                            case "if" -> {
                                i++;
                                into.add(ifNode());
                                continue;
                            }
                            case "range" -> {
                                i++;
                                into.add(rangeOrWith(true));
                                continue;
                            }
                            case "with" -> {
                                i++;
                                into.add(rangeOrWith(false));
                                continue;
                            }
                            case "define", "template", "block", "break", "continue" ->
                                    throw error("{{" + k.text() + "}} is not supported");
                            default -> { }
                        }
                    }
                    into.add(new Node.Action(pipeline(true)));
                    expect(Token.Kind.RIGHT);
                }
                default -> throw error("unexpected " + t.text());
            }
        }
    }

    private Node ifNode() {
        Node.Pipeline cond = pipeline(true);
        expect(Token.Kind.RIGHT);
        List<Node> then = new ArrayList<>();
        String end = list(then);
        if (end == null) throw error("unexpected EOF");
        List<Node> otherwise = List.of();
        if (end.equals("else")) {
            otherwise = new ArrayList<>();
            Token k = tokens.get(i);
            if (k.kind() == Token.Kind.IDENTIFIER && k.text().equals("if")) {
                // {{else if x}} is {{else}}{{if x}}...{{end}} sharing the outer {{end}}
                i++;
                otherwise.add(ifNode());
            } else {
                expect(Token.Kind.RIGHT);
                if (!"end".equals(list(otherwise))) throw error("expected end; found EOF");
            }
        }
        return new Node.If(cond, then, otherwise);
    }

    private Node rangeOrWith(boolean range) {
        Node.Pipeline p = pipeline(true);
        expect(Token.Kind.RIGHT);
        List<Node> body = new ArrayList<>();
        String end = list(body);
        if (end == null) throw error("unexpected EOF");
        List<Node> otherwise = List.of();
        if (end.equals("else")) {
            expect(Token.Kind.RIGHT);
            otherwise = new ArrayList<>();
            if (!"end".equals(list(otherwise))) throw error("expected end; found EOF");
        }
        return range ? new Node.Range(p, body, otherwise) : new Node.With(p, body, otherwise);
    }

    /** pipeline := [vars (:=|=)] command { '|' command } */
    private Node.Pipeline pipeline(boolean allowDecl) {
        int startPos = tokens.get(i).pos();
        List<String> vars = new ArrayList<>();
        boolean declare = false;
        if (allowDecl && tokens.get(i).kind() == Token.Kind.VARIABLE) {
            int save = i;
            List<String> candidate = new ArrayList<>();
            candidate.add(tokens.get(i++).text());
            if (tokens.get(i).kind() == Token.Kind.COMMA) {
                i++;
                if (tokens.get(i).kind() == Token.Kind.VARIABLE) candidate.add(tokens.get(i++).text());
            }
            Token.Kind k = tokens.get(i).kind();
            if (k == Token.Kind.DECLARE || k == Token.Kind.ASSIGN) {
                declare = k == Token.Kind.DECLARE;
                vars = candidate;
                i++;
            } else {
                i = save;
            }
        }
        List<Node.Command> cmds = new ArrayList<>();
        while (true) {
            cmds.add(command());
            if (tokens.get(i).kind() != Token.Kind.PIPE) break;
            i++;
        }
        int endPos = tokens.get(i).pos();
        return new Node.Pipeline(List.copyOf(vars), declare, cmds, src.substring(startPos, Math.max(startPos, endPos)).trim());
    }

    private Node.Command command() {
        List<Node.Arg> args = new ArrayList<>();
        while (true) {
            Token t = tokens.get(i);
            switch (t.kind()) {
                case RIGHT, PIPE, RIGHT_PAREN, EOF -> {
                    if (args.isEmpty()) throw error("missing value for command");
                    return new Node.Command(args);
                }
                default -> args.add(operand());
            }
        }
    }

    private Node.Arg operand() {
        Token t = tokens.get(i++);
        Node.Arg arg = switch (t.kind()) {
            case DOT -> new Node.Arg.Dot();
            case FIELD -> new Node.Arg.Field(new Node.Arg.Dot(), List.of(t.text()), List.of(where(t.pos())), "." + t.text());
            case VARIABLE -> new Node.Arg.Variable(t.text());
            case IDENTIFIER -> switch (t.text()) {
                case "true" -> new Node.Arg.Literal(Boolean.TRUE);
                case "false" -> new Node.Arg.Literal(Boolean.FALSE);
                case "nil" -> new Node.Arg.Literal(null);
                default -> {
                    if (!functions.contains(t.text())) throw error("function \"" + t.text() + "\" not defined");
                    yield new Node.Arg.Identifier(t.text());
                }
            };
            case STRING, RAW_STRING -> new Node.Arg.Literal(t.text());
            case CHAR -> new Node.Arg.Literal((long) t.text().charAt(0));
            case NUMBER -> new Node.Arg.Literal(number(t.text()));
            case LEFT_PAREN -> {
                Node.Pipeline p = pipeline(true);
                expect(Token.Kind.RIGHT_PAREN);
                yield new Node.Arg.Nested(p);
            }
            default -> throw error("unexpected " + describe(t) + " in operand");
        };
        // field chains: .A.B, $x.A, (pipeline).A
        while (tokens.get(i).kind() == Token.Kind.FIELD && tokens.get(i).pos() == end(tokens.get(i - 1))) {
            Token field = tokens.get(i++);
            if (arg instanceof Node.Arg.Field f) {
                List<String> names = new ArrayList<>(f.names());
                names.add(field.text());
                List<String> where = new ArrayList<>(f.where());
                where.add(where(field.pos()));
                arg = new Node.Arg.Field(f.receiver(), names, where, f.text() + "." + field.text());
            } else {
                String receiver = src.substring(t.pos(), field.pos());
                arg = new Node.Arg.Field(arg, List.of(field.text()), List.of(where(field.pos())), receiver + "." + field.text());
            }
        }
        return arg;
    }

    /** Go's "line:column" of a position, the column counted from 0 as text/template reports it. */
    private String where(int pos) {
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < pos; k++) {
            if (src.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return line + ":" + (pos - lineStart);
    }

    private int end(Token t) {
        return switch (t.kind()) {
            case FIELD -> t.pos() + 1 + t.text().length();
            case STRING, CHAR -> -1;
            default -> t.pos() + t.text().length();
        };
    }

    private static Object number(String s) {
        String t = s.replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseLong(t.substring(2), 16);
            if (t.contains(".") || t.contains("e") || t.contains("E")) return Double.parseDouble(t);
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new TemplateException("template: :1: bad number syntax: \"" + s + "\"");
        }
    }

    private void expect(Token.Kind kind) {
        Token t = tokens.get(i);
        if (t.kind() != kind) throw error("unexpected " + describe(t));
        i++;
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "EOF";
            case RIGHT -> "\"}}\"";
            default -> "\"" + t.text() + "\"";
        };
    }

    private TemplateException error(String msg) {
        int pos = tokens.get(Math.min(i, tokens.size() - 1)).pos();
        int line = 1;
        for (int k = 0; k < pos && k < src.length(); k++) if (src.charAt(k) == '\n') line++;
        return new TemplateException("template: :" + line + ": " + msg);
    }
}
