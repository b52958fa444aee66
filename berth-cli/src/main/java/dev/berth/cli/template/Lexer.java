package dev.berth.cli.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into text and the tokens inside {@code {{ }}} actions, as Go's text/template
 * lexer does. A trim marker (a dash between the braces and a space) removes the white space on
 * that side of the action from the neighbouring text; comment actions produce nothing.
 */
final class Lexer {
    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";
    private final String src;
    private final List<Token> out = new ArrayList<>();
    private int pos;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> lex(String src) {
        Lexer l = new Lexer(src);
        l.run();
        return l.out;
    }

    private void run() {
        boolean trimNextText = false;
        while (pos < src.length()) {
            int open = src.indexOf(LEFT, pos);
            int textEnd = open < 0 ? src.length() : open;
            boolean trimLeft = open >= 0 && src.startsWith("{{- ", open)
                    || open >= 0 && open + 3 < src.length() && src.startsWith("{{-", open) && isSpace(src.charAt(open + 3));
            String text = src.substring(pos, textEnd);
            if (trimNextText) text = stripLeading(text);
            if (trimLeft) text = stripTrailing(text);
            if (!text.isEmpty()) out.add(new Token(Token.Kind.TEXT, text, pos));
            if (open < 0) {
                pos = src.length();
                break;
            }
            pos = open + LEFT.length() + (trimLeft ? 1 : 0);
            trimNextText = lexAction(open);
        }
        out.add(new Token(Token.Kind.EOF, "", src.length()));
    }

    /** Lexes one action; returns whether it ended with a right trim marker. */
    private boolean lexAction(int actionStart) {
        skipSpaces();
        if (src.startsWith("/*", pos)) {
            int end = src.indexOf("*/", pos + 2);
            if (end < 0) throw new TemplateException("template: :" + line(actionStart) + ": unclosed comment");
            pos = end + 2;
            skipSpaces();
            boolean trim = src.startsWith("-" + RIGHT, pos);
            if (trim) pos++;
            if (!src.startsWith(RIGHT, pos)) throw new TemplateException("template: :" + line(actionStart) + ": comment ends before closing delimiter");
            pos += RIGHT.length();
            return trim;
        }
        out.add(new Token(Token.Kind.LEFT, LEFT, actionStart));
        int depth = 0;
        while (true) {
            skipSpaces();
            if (pos >= src.length()) throw new TemplateException("template: :" + line(actionStart) + ": unclosed action");
            if (src.startsWith("-" + RIGHT, pos) && pos > 0 && isSpace(src.charAt(pos - 1))) {
                out.add(new Token(Token.Kind.RIGHT, RIGHT, pos));
                pos += 1 + RIGHT.length();
                return true;
            }
            if (src.startsWith(RIGHT, pos)) {
                if (depth > 0) throw new TemplateException("template: :" + line(actionStart) + ": unclosed left paren");
                out.add(new Token(Token.Kind.RIGHT, RIGHT, pos));
                pos += RIGHT.length();
                return false;
            }
            char c = src.charAt(pos);
            int start = pos;
            switch (c) {
                case '|' -> add(Token.Kind.PIPE, 1);
                case '(' -> { add(Token.Kind.LEFT_PAREN, 1); depth++; }
                case ')' -> {
                    if (depth == 0) throw new TemplateException("template: :" + line(actionStart) + ": unexpected right paren");
                    add(Token.Kind.RIGHT_PAREN, 1);
                    depth--;
                }
                case ',' -> add(Token.Kind.COMMA, 1);
                case '=' -> add(Token.Kind.ASSIGN, 1);
                case ':' -> {
                    if (!src.startsWith(":=", pos)) throw new TemplateException("template: :" + line(actionStart) + ": expected :=");
                    add(Token.Kind.DECLARE, 2);
                }
                case '"' -> out.add(new Token(Token.Kind.STRING, quoted('"'), start));
                case '`' -> {
                    int end = src.indexOf('`', pos + 1);
                    if (end < 0) throw new TemplateException("template: :" + line(actionStart) + ": unterminated raw quoted string");
                    out.add(new Token(Token.Kind.RAW_STRING, src.substring(pos + 1, end), start));
                    pos = end + 1;
                }
                case '\'' -> out.add(new Token(Token.Kind.CHAR, quoted('\''), start));
                case '$' -> {
                    pos++;
                    while (pos < src.length() && isAlnum(src.charAt(pos))) pos++;
                    out.add(new Token(Token.Kind.VARIABLE, src.substring(start, pos), start));
                    checkTerminator(actionStart);
                }
                case '.' -> {
                    if (pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                        number();
                    } else if (pos + 1 < src.length() && isAlnum(src.charAt(pos + 1))) {
                        pos++;
                        while (pos < src.length() && isAlnum(src.charAt(pos))) pos++;
                        out.add(new Token(Token.Kind.FIELD, src.substring(start + 1, pos), start));
                        checkTerminator(actionStart);
                    } else {
                        add(Token.Kind.DOT, 1);
                    }
                }
                default -> {
                    if (Character.isDigit(c) || ((c == '-' || c == '+') && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
                        number();
                    } else if (isAlnum(c)) {
                        while (pos < src.length() && isAlnum(src.charAt(pos))) pos++;
                        out.add(new Token(Token.Kind.IDENTIFIER, src.substring(start, pos), start));
                        checkTerminator(actionStart);
                    } else {
                        throw new TemplateException("template: :" + line(actionStart) + ": unexpected \"" + c + "\" in command");
                    }
                }
            }
        }
    }

    /** Go allows only a terminator right after a word: space, end of action, . , | : ( ) */
    private void checkTerminator(int actionStart) {
        if (pos >= src.length() || src.startsWith(RIGHT, pos)) return;
        char c = src.charAt(pos);
        if (isSpace(c) || ".,|:()".indexOf(c) >= 0) return;
        throw new TemplateException("template: :" + line(actionStart) + ": bad character " + String.format("U+%04X", (int) c) + " '" + c + "'");
    }

    private void add(Token.Kind kind, int len) {
        out.add(new Token(kind, src.substring(pos, pos + len), pos));
        pos += len;
    }

    private void number() {
        int start = pos;
        if (src.charAt(pos) == '-' || src.charAt(pos) == '+') pos++;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.' || src.charAt(pos) == '_')) pos++;
        out.add(new Token(Token.Kind.NUMBER, src.substring(start, pos), start));
    }

    /** Reads a quoted literal and returns its unescaped value. */
    private String quoted(char quote) {
        StringBuilder sb = new StringBuilder();
        int start = pos;
        pos++;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw new TemplateException("template: :" + line(start) + ": unterminated quoted string");
            }
            char c = src.charAt(pos++);
            if (c == quote) return sb.toString();
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '\\' -> sb.append('\\');
                case '"' -> sb.append('"');
                case '\'' -> sb.append('\'');
                case '0' -> sb.append('\0');
                case 'x' -> {
                    sb.append((char) Integer.parseInt(src.substring(pos, pos + 2), 16));
                    pos += 2;
                }
                case 'u' -> {
                    sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> throw new TemplateException("template: :" + line(start) + ": invalid syntax");
            }
        }
    }

    private void skipSpaces() {
        while (pos < src.length() && isSpace(src.charAt(pos))) pos++;
    }

    private int line(int offset) {
        int n = 1;
        for (int i = 0; i < offset && i < src.length(); i++) if (src.charAt(i) == '\n') n++;
        return n;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlnum(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) i++;
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int i = s.length();
        while (i > 0 && isSpace(s.charAt(i - 1))) i--;
        return s.substring(0, i);
    }
}
