package dev.berth.cli.template;

import java.util.List;

/**
 * The parsed template. A template is a list of nodes; actions hold pipelines; a pipeline is
 * commands joined by {@code |}, each command's result passed as the last argument of the next.
 */
sealed interface Node {
    record Text(String text) implements Node {}

    /** {@code {{pipeline}}}: prints the value unless the pipeline only declares variables. */
    record Action(Pipeline pipeline) implements Node {}

    record If(Pipeline condition, List<Node> then, List<Node> otherwise) implements Node {}

    record Range(Pipeline pipeline, List<Node> body, List<Node> otherwise) implements Node {}

    record With(Pipeline pipeline, List<Node> body, List<Node> otherwise) implements Node {}

    /** {@code $x := ...} declares, {@code $x = ...} assigns; {@code vars} is empty for plain pipelines. */
    record Pipeline(List<String> vars, boolean declare, List<Command> commands, String source) {}

    record Command(List<Arg> args) {}

    /** An operand of a command. */
    sealed interface Arg {
        /** {@code .} */
        record Dot() implements Arg {}

        /**
         * {@code .A.B} (fields applied to dot) or {@code (pipeline).A.B} / {@code $x.A.B};
         * {@code where} holds each name's "line:column" for error messages, {@code text} the source.
         */
        record Field(Arg receiver, List<String> names, List<String> where, String text) implements Arg {}

        record Variable(String name) implements Arg {}

        /** A function name. */
        record Identifier(String name) implements Arg {}

        record Literal(Object value) implements Arg {}

        record Nested(Pipeline pipeline) implements Arg {}
    }
}
