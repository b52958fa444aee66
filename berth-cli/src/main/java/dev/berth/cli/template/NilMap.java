package dev.berth.cli.template;

import com.fasterxml.jackson.databind.node.NullNode;

import java.util.List;

/**
 * A Go map that is nil, such as the {@code Labels} of a volume created without any: a template
 * prints it {@code map[]}, {@code json} prints {@code null}, it is false in {@code if} and
 * {@code range} visits nothing. A JSON {@code null} alone would print {@code <nil>}.
 */
public enum NilMap implements TemplateObject {
    INSTANCE;

    /** Never called: {@link Values#field} looks keys up as in an empty map. */
    @Override
    public Object field(String name, List<Object> args) {
        return Values.NO_VALUE;
    }

    @Override
    public Object toJson() {
        return NullNode.instance;
    }

    @Override
    public String goType() {
        return "map[string]string";
    }
}
