package dev.berth.cli.view;

import dev.berth.cli.template.TemplateObject;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A row of one of docker's tables: its columns are the keys of {@link #headers()}, and {@code {{json .}}} prints them all. */
public interface TableRow extends TemplateObject {
    /** Field name to column header. */
    Map<String, String> headers();

    @Override
    default Object toJson() {
        Map<String, Object> m = new TreeMap<>();
        for (String k : headers().keySet()) m.put(k, field(k, List.of()));
        return m;
    }
}
