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

    /**
     * The effective format: the default table when the flag is empty or {@code table}, or
     * {@code quietFormat} there with -q. A template or {@code json} wins over -q, as in docker.
     */
    public static String choose(String flag, boolean quiet, String quietFormat, String defaultTable) {
        if (flag == null || flag.isEmpty() || flag.equals("table")) return quiet ? quietFormat : defaultTable;
        if (flag.equals("json")) return "{{json .}}";
        return flag;
    }

    /** How a bad template is reported: most lists say "template parsing error" for both kinds of failure, ps and stats say which. */
    public enum Errors {
        FORMATTER("template parsing error: ", "template parsing error: "),
        CONTAINERS("failed to parse template: ", "failed to execute template: ");

        private final String parse;
        private final String execute;

        Errors(String parse, String execute) {
            this.parse = parse;
            this.execute = execute;
        }
    }

    public static String render(String format, Map<String, String> headers, List<? extends TemplateObject> rows) {
        return render(format, headers, rows, Errors.FORMATTER);
    }

    public static String render(String format, Map<String, String> headers, List<? extends TemplateObject> rows, Errors errors) {
        boolean table = format.startsWith("table");
        String text = table ? format.substring("table".length()) : format;
        text = text.strip().replace("\\t", "\t").replace("\\n", "\n");
        Template t;
        try {
            t = Template.parse(text);
        } catch (TemplateException e) {
            throw new StatusException(1, errors.parse + e.getMessage());
        }
        StringBuilder body = new StringBuilder();
        try {
            for (TemplateObject row : rows) body.append(t.execute(row)).append('\n');
        } catch (TemplateException e) {
            throw new StatusException(1, errors.execute + e.getMessage());
        }
        if (!table) return body.toString();
        TabWriter w = TabWriter.forTables();
        w.write(t.executeHeader(headers)).write("\n").write(body.toString());
        return w.flush();
    }
}
