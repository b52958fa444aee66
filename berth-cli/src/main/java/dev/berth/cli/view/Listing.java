package dev.berth.cli.view;

import dev.berth.cli.StatusException;
import dev.berth.cli.format.TabWriter;
import dev.berth.cli.template.Template;
import dev.berth.cli.template.TemplateException;
import dev.berth.cli.template.TemplateObject;

import java.util.List;
import java.util.Map;

/**
 * Renders list rows with a {@code --format} value as docker's formatter does: {@code table} (the
 * default table), {@code table TEMPLATE} (a header row, then aligned columns), {@code json}
 * (one JSON object per line), or any other template (one line per row, no header). Literal
 * {@code \t} and {@code \n} in the flag value are turned into tabs and newlines.
 */
public final class Listing {
    private Listing() {}

    /** The help of the {@code --format} flag of docker's table commands. */
    public static final String FORMAT_HELP = """
            Format output using a custom template:
            'table':            Print output in table format with column headers (default)
            'table TEMPLATE':   Print output in table format using the given Go template
            'json':             Print in JSON format
            'TEMPLATE':         Print output using the given Go template.
            Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates""";

    /** The effective format: {@code quietFormat} with -q, the default table when the flag is empty. */
    public static String choose(String flag, boolean quiet, String quietFormat, String defaultTable) {
        if (quiet) return quietFormat;
        if (flag == null || flag.isEmpty() || flag.equals("table")) return defaultTable;
        if (flag.equals("json")) return "{{json .}}";
        return flag;
    }

    public static String render(String format, Map<String, String> headers, List<? extends TemplateObject> rows) {
        boolean table = format.startsWith("table");
        String text = table ? format.substring("table".length()) : format;
        text = text.strip().replace("\\t", "\t").replace("\\n", "\n");
        Template t;
        try {
            t = Template.parse(text);
        } catch (TemplateException e) {
            throw new StatusException(1, "failed to parse template: " + e.getMessage());
        }
        StringBuilder body = new StringBuilder();
        try {
            for (TemplateObject row : rows) body.append(t.execute(row)).append('\n');
        } catch (TemplateException e) {
            throw new StatusException(1, "failed to execute template: " + e.getMessage());
        }
        if (!table) return body.toString();
        TabWriter w = TabWriter.forTables();
        w.write(t.executeHeader(headers)).write("\n").write(body.toString());
        return w.flush();
    }
}
