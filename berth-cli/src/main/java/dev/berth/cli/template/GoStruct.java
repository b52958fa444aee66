package dev.berth.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object that docker's CLI formats as a Go struct: templates name its fields by their Go
 * names, which differ from the JSON keys where a struct tag renames them ({@code .Server.APIVersion}
 * reads the key {@code ApiVersion}), a name the struct lacks fails the template as in Go, and
 * {@code {{json .}}} prints the JSON keys.
 *
 * @param fields the object; other {@code GoStruct}s may sit in {@code nested} under their Go names
 * @param type the struct's Go fields
 */
public record GoStruct(ObjectNode fields, Type type, Map<String, Object> nested) implements TemplateObject {

    public GoStruct(ObjectNode fields, Type type) {
        this(fields, type, Map.of());
    }

    /**
     * A Go struct type: its name as Go prints it and its fields, each a Go name or
     * {@code GoName=JsonKey} where a struct tag renames it.
     */
    public record Type(String name, Map<String, String> jsonKeyByGoName) {
        public static Type of(String name, String... fields) {
            Map<String, String> keys = new LinkedHashMap<>();
            for (String f : fields) {
                int eq = f.indexOf('=');
                keys.put(eq < 0 ? f : f.substring(0, eq), eq < 0 ? f : f.substring(eq + 1));
            }
            return new Type(name, Map.copyOf(keys));
        }
    }

    @Override
    public Object field(String name, List<Object> args) {
        String key = type.jsonKeyByGoName().get(name);
        if (key == null || !args.isEmpty()) return MISSING;
        if (nested.containsKey(name)) return nested.get(name);
        JsonNode v = fields.get(key);
        return v == null ? Values.NO_VALUE : Values.unwrap(v);
    }

    @Override
    public Object toJson() {
        return fields;
    }

    @Override
    public String goType() {
        return type.name();
    }
}
