package dev.berth.cli.template;

/** One lexical item of the template language. {@code pos} is the offset in the template text. */
record Token(Kind kind, String text, int pos) {
    enum Kind {
        TEXT, LEFT, RIGHT, FIELD, VARIABLE, IDENTIFIER, DOT, STRING, RAW_STRING, CHAR, NUMBER, PIPE,
        LEFT_PAREN, RIGHT_PAREN, DECLARE, ASSIGN, COMMA, EOF
    }

    @Override
    public String toString() {
        return kind + "(" + text + ")";
    }
}
