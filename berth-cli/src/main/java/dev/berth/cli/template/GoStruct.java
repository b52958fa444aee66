package dev.berth.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * A JSON object that docker's CLI formats as a Go struct: templates name its fields by their Go
 * names, which differ from the JSON keys where a struct tag renames them ({@code .Server.APIVersion}
 * reads the key {@code ApiVersion}), while {@code {{json .}}} prints the JSON keys.
 *
 * @param fields the object; other {@code GoStruct}s may sit in {@code nested} under their Go names
 * @param goNames Go field name to JSON key, for the renamed fields only
 */
public record GoStruct(ObjectNode fields, Map<String, String> goNames, Map<String, Object> nested, String goType)
        implements TemplateObject {

    public GoStruct(ObjectNode fields, Map<String, String> goNames, String goType) {
        this(fields, goNames, Map.of(), goType);
    }

    @Override
    public Object field(String name, List<Object> args) {
        if (!args.isEmpty()) return MISSING;
        if (nested.containsKey(name)) return nested.get(name);
        // the JSON spelling of a renamed field is no Go field: {{.Server.ApiVersion}} fails in docker
        if (goNames.containsValue(name) && !goNames.containsKey(name)) return MISSING;
        JsonNode v = fields.get(goNames.getOrDefault(name, name));
        return v == null ? Values.NO_VALUE : Values.unwrap(v);
    }

    @Override
    public Object toJson() {
        return fields;
    }

    @Override
    public String goType() {
        return goType;
    }
}
