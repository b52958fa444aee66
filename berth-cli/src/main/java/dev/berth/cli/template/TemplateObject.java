package dev.berth.cli.template;

import java.util.List;

/**
 * A value with named fields and methods for templates, like the Go structs docker's formatters
 * pass to their templates ({@code .ID}, {@code .Names}, {@code .Label "com.example"}).
 */
public interface TemplateObject {
    /** Marks "no such field": the template fails, as Go's does for an unknown struct field. */
    Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    /** The field or method {@code name} applied to {@code args}; {@link #MISSING} if there is none. */
    Object field(String name, List<Object> args);

    /** The value {@code {{json .}}} prints. */
    Object toJson();

    /** The Go type named in "can't evaluate field" errors. */
    default String goType() {
        return "*formatter.Context";
    }
}
