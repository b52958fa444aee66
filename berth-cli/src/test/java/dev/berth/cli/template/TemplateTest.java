package dev.berth.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.json.JsonNodes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateTest {
    private static final JsonNode INSPECT = JsonNodes.parse(("""
            {"Id":"abc123","Name":"/web","RestartCount":2,
             "State":{"Status":"running","Running":true,"ExitCode":0,"Pid":4242},
             "Config":{"Image":"busybox","Env":["A=1","B=2"],"Cmd":["sh","-c","echo hi"],"Entrypoint":null,
                       "Labels":{"zeta":"last","com.example.role":"web"}},
             "HostConfig":{"Memory":67108864,"NanoCpus":1500000000},
             "Mounts":[{"Source":"/a","Destination":"/x"},{"Source":"/b","Destination":"/y"}],
             "Ratio":0.25,"Empty":[],"Nothing":{}}
            """).getBytes(StandardCharsets.UTF_8));

    private static String run(String template, Object data) {
        return Template.parse(template).execute(data);
    }

    @Test
    void fieldsAndNestedFields() {
        assertEquals("/web", run("{{.Name}}", INSPECT));
        assertEquals("running 0", run("{{.State.Status}} {{.State.ExitCode}}", INSPECT));
        assertEquals("true", run("{{.State.Running}}", INSPECT));
        assertEquals("67108864", run("{{.HostConfig.Memory}}", INSPECT), "integers print as integers, not 6.7108864e+07");
        assertEquals("0.25", run("{{.Ratio}}", INSPECT));
        assertEquals("text only", run("text only", INSPECT));
    }

    @Test
    void goStructsAnswerToTheirGoFieldNamesAndPrintTheirJsonKeys() {
        var server = (com.fasterxml.jackson.databind.node.ObjectNode) JsonNodes.parse(
                "{\"Version\":\"0.1.0\",\"ApiVersion\":\"1.44\",\"MinAPIVersion\":\"1.24\"}".getBytes(StandardCharsets.UTF_8));
        var serverType = GoStruct.Type.of("*types.Version", "Version", "APIVersion=ApiVersion", "MinAPIVersion", "KernelVersion");
        var version = new GoStruct(JsonNodes.object().set("Server", server), GoStruct.Type.of("v", "Server"),
                java.util.Map.of("Server", new GoStruct(server, serverType)));
        assertEquals("1.44 1.24 0.1.0", run("{{.Server.APIVersion}} {{.Server.MinAPIVersion}} {{.Server.Version}}", version));
        assertEquals("{\"Version\":\"0.1.0\",\"ApiVersion\":\"1.44\",\"MinAPIVersion\":\"1.24\"}", run("{{json .Server}}", version),
                "json prints the JSON keys in the struct's order");
        var e = assertThrows(TemplateException.class, () -> run("{{.Server.ApiVersion}}", version));
        assertTrue(e.getMessage().contains("can't evaluate field ApiVersion in type *types.Version"), e.getMessage());
        var unknown = assertThrows(TemplateException.class, () -> run("{{.Server.Foo}}", version));
        assertTrue(unknown.getMessage().contains("can't evaluate field Foo in type *types.Version"), unknown.getMessage());
        assertEquals("<no value>", run("{{.Server.KernelVersion}}", version), "a field the JSON omitted is empty, not unknown");
    }

    @Test
    void aNamedTemplateNamesItselfInItsErrorsAndKeepsWhatItWroteBeforeFailing() {
        var parse = assertThrows(TemplateException.class, () -> Template.parse("version", "{{.Client.Foo"));
        assertEquals("template: version:1: unclosed action", parse.getMessage());
        var data = new GoStruct(JsonNodes.object(), GoStruct.Type.of("system.versionInfo", "Client"));
        StringBuilder out = new StringBuilder();
        var exec = assertThrows(TemplateException.class, () -> Template.parse("version", "x{{.Foo}}").executeInto(data, out));
        assertEquals("template: version:1:3: executing \"version\" at <.Foo>: can't evaluate field Foo in type system.versionInfo", exec.getMessage());
        assertEquals("x", out.toString());
    }

    @Test
    void goPrintingOfCompositeValues() {
        assertEquals("[A=1 B=2]", run("{{.Config.Env}}", INSPECT));
        assertEquals("map[com.example.role:web zeta:last]", run("{{.Config.Labels}}", INSPECT), "maps print with sorted keys");
        assertEquals("<nil>", run("{{.Config.Entrypoint}}", INSPECT));
        assertEquals("<no value>", run("{{.Config.Nope}}", INSPECT));
        assertEquals("[]", run("{{.Empty}}", INSPECT));
        assertEquals("map[]", run("{{.Nothing}}", INSPECT));
    }

    @Test
    void jsonKeepsTheDaemonsFieldOrder() {
        assertEquals("{\"zeta\":\"last\",\"com.example.role\":\"web\"}", run("{{json .Config.Labels}}", INSPECT));
        assertEquals("[\"sh\",\"-c\",\"echo hi\"]", run("{{json .Config.Cmd}}", INSPECT));
        assertEquals("\"running\"", run("{{json .State.Status}}", INSPECT));
        assertEquals("null", run("{{json .Config.Entrypoint}}", INSPECT));
        assertEquals("4242", run("{{.State.Pid | json}}", INSPECT));
        String all = run("{{json .}}", INSPECT);
        assertTrue(all.startsWith("{\"Id\":\"abc123\",\"Name\":\"/web\""), all);
    }

    @Test
    void indexAndLen() {
        assertEquals("web", run("{{index .Config.Labels \"com.example.role\"}}", INSPECT));
        assertEquals("", run("{{index .Config.Labels \"missing\"}}", INSPECT), "a missing label is the empty string");
        assertEquals("-c", run("{{index .Config.Cmd 1}}", INSPECT));
        assertEquals("/b", run("{{(index .Mounts 1).Source | printf \"%s\"}}", INSPECT));
        assertEquals("/b", run("{{(index .Mounts 1).Source}}", INSPECT));
        assertEquals("2 3 7", run("{{len .Mounts}} {{len .Config.Cmd}} {{len \"abcdefg\"}}", INSPECT));
        assertThrows(TemplateException.class, () -> run("{{index .Config.Cmd 9}}", INSPECT));
    }

    @Test
    void rangeOverListsAndMaps() {
        assertEquals("/a:/x,/b:/y,", run("{{range .Mounts}}{{.Source}}:{{.Destination}},{{end}}", INSPECT));
        assertEquals("0=sh 1=-c 2=echo hi ", run("{{range $i, $c := .Config.Cmd}}{{$i}}={{$c}} {{end}}", INSPECT));
        assertEquals("com.example.role=web;zeta=last;", run("{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}", INSPECT),
                "maps are visited in key order");
        assertEquals("none", run("{{range .Empty}}x{{else}}none{{end}}", INSPECT));
        assertEquals("A=1|B=2|", run("{{range $e := .Config.Env}}{{$e}}|{{end}}", INSPECT));
        assertEquals("/web/web", run("{{range .Mounts}}{{$.Name}}{{end}}", INSPECT), "$ is the root inside range");
    }

    @Test
    void conditionalsAndWith() {
        assertEquals("up", run("{{if .State.Running}}up{{else}}down{{end}}", INSPECT));
        assertEquals("down", run("{{if .Empty}}up{{else}}down{{end}}", INSPECT));
        assertEquals("two", run("{{if eq .RestartCount 1}}one{{else if eq .RestartCount 2}}two{{else}}many{{end}}", INSPECT));
        assertEquals("yes", run("{{if and .State.Running (eq .State.Status \"running\")}}yes{{end}}", INSPECT));
        assertEquals("yes", run("{{if or .Empty .Name}}yes{{end}}", INSPECT));
        assertEquals("true", run("{{not .Empty}}", INSPECT));
        assertEquals("running", run("{{with .State}}{{.Status}}{{end}}", INSPECT));
        assertEquals("no", run("{{with .Nothing}}yes{{else}}no{{end}}", INSPECT));
        assertEquals("true false true", run("{{lt 1 2}} {{gt 1 2}} {{ne \"a\" \"b\"}}", INSPECT));
    }

    @Test
    void dockerFunctions() {
        assertEquals("SH", run("{{upper (index .Config.Cmd 0)}}", INSPECT));
        assertEquals("busybox", run("{{lower .Config.Image}}", INSPECT));
        assertEquals("sh -c echo hi", run("{{join .Config.Cmd \" \"}}", INSPECT));
        assertEquals("[a b c]", run("{{split \"a,b,c\" \",\"}}", INSPECT));
        assertEquals("Hello World", run("{{title \"hello world\"}}", INSPECT));
        assertEquals("  x ", run("{{pad \"x\" 2 1}}", INSPECT));
        assertEquals("abc", run("{{truncate \"abcdef\" 3}}", INSPECT));
        assertEquals("RUNNING", run("{{.State.Status | upper}}", INSPECT));
    }

    @Test
    void printfAndPrint() {
        assertEquals("pid=4242 name=\"/web\"", run("{{printf \"pid=%d name=%q\" .State.Pid .Name}}", INSPECT));
        assertEquals("[   abc]|[abc   ]", run("{{printf \"[%6s]|[%-6s]\" \"abc\" \"abc\"}}", INSPECT));
        assertEquals("0.25 1.50", run("{{printf \"%v %.2f\" .Ratio 1.5}}", INSPECT));
        assertEquals("%!d(MISSING)", run("{{printf \"%d\"}}", INSPECT));
        assertEquals("a1 2b\n", run("{{println \"a1\" \"2b\"}}", INSPECT));
        assertEquals("1 2", run("{{print 1 2}}", INSPECT));
    }

    @Test
    void variablesAndTrimMarkers() {
        assertEquals("running", run("{{$s := .State.Status}}{{$s}}", INSPECT));
        assertEquals("b", run("{{$x := \"a\"}}{{$x = \"b\"}}{{$x}}", INSPECT));
        assertEquals("a,b", run("a,  {{- \"\" -}}  b", INSPECT));
        assertEquals("x\ny", run("x\n{{/* comment */}}y", INSPECT));
        assertEquals("ab", run("a   {{- /* gone */ -}}   b", INSPECT));
    }

    @Test
    void templateObjectsAndMethods() {
        TemplateObject row = new TemplateObject() {
            @Override
            public Object field(String name, List<Object> args) {
                return switch (name) {
                    case "ID" -> "0123456789ab";
                    case "Label" -> args.size() == 1 && args.getFirst().equals("k") ? "v" : "";
                    default -> MISSING;
                };
            }

            @Override
            public Object toJson() {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ID", "0123456789ab");
                return m;
            }
        };
        assertEquals("0123456789ab v", run("{{.ID}} {{.Label \"k\"}}", row));
        assertEquals("{\"ID\":\"0123456789ab\"}", run("{{json .}}", row));
        TemplateException e = assertThrows(TemplateException.class, () -> run("{{.Nope}}", row));
        assertTrue(e.getMessage().contains("can't evaluate field Nope"), e.getMessage());
    }

    @Test
    void headersUsePassThroughFunctions() {
        Template t = Template.parse("{{.ID}}\t{{upper .Names}}\t{{json .Status}}\t{{.Unknown}}");
        assertEquals("CONTAINER ID\tNAMES\tSTATUS\t", t.executeHeader(Map.of("ID", "CONTAINER ID", "Names", "NAMES", "Status", "STATUS")));
    }

    @Test
    void parseErrorsUseGosWording() {
        assertEquals("template: :1: function \"nope\" not defined",
                assertThrows(TemplateException.class, () -> Template.parse("{{nope .X}}")).getMessage());
        assertThrows(TemplateException.class, () -> Template.parse("{{.X"));
        assertEquals("template: :1: bad character U+0022 '\"'",
                assertThrows(TemplateException.class, () -> Template.parse("{{.Label\"a\"}}")).getMessage());
        assertThrows(TemplateException.class, () -> Template.parse("{{if .X}}a"));
        assertThrows(TemplateException.class, () -> Template.parse("{{end}}"));
        assertThrows(TemplateException.class, () -> Template.parse("{{\"unterminated}}"));
        TemplateException nil = assertThrows(TemplateException.class, () -> run("{{.Config.Nope.Deeper}}", INSPECT));
        assertTrue(nil.getMessage().contains("nil pointer evaluating interface {}.Deeper"), nil.getMessage());
    }

    @Test
    void inspectTemplatesFailOnMissingKeysWithGosPositions() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> Template.parse("{{.Config.Nope.X}}").missingKeyError().execute(INSPECT));
        assertEquals("template: :1:9: executing \"\" at <.Config.Nope.X>: map has no entry for key \"Nope\"", e.getMessage());
        TemplateException top = assertThrows(TemplateException.class, () -> Template.parse("{{.Nope}}").missingKeyError().execute(INSPECT));
        assertEquals("template: :1:2: executing \"\" at <.Nope>: map has no entry for key \"Nope\"", top.getMessage());
        assertEquals("web", Template.parse("{{index .Config.Labels \"com.example.role\"}}").missingKeyError().execute(INSPECT));
    }

    @Test
    void floatsPrintLikeGo() {
        assertEquals("1.23456789e+08", GoFormat.formatFloat(123456789.0));
        assertEquals("100000", GoFormat.formatFloat(100000.0));
        assertEquals("1e+06", GoFormat.formatFloat(1e6));
        assertEquals("0.0001", GoFormat.formatFloat(0.0001));
        assertEquals("1e-05", GoFormat.formatFloat(0.00001));
        assertEquals("-2.5", GoFormat.formatFloat(-2.5));
    }

    @Test
    void quoteLikeStrconv() {
        assertEquals("\"sh -c 'echo hi'\"", GoFormat.quote("sh -c 'echo hi'"));
        assertEquals("\"a\\\"b\\\\c\\n\\t\"", GoFormat.quote("a\"b\\c\n\t"));
        assertEquals("\"\\x01é\"", GoFormat.quote("\u0001é"));
    }

    @Test
    void aNilMapPrintsLikeGosAndIsEmpty() {
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("Labels", NilMap.INSTANCE);
        assertEquals("map[] null n <no value>", run("{{.Labels}} {{json .Labels}} {{if .Labels}}y{{else}}n{{end}} {{.Labels.x}}{{range .Labels}}!{{end}}", data));
        var strict = assertThrows(TemplateException.class, () -> Template.parse("{{.Labels.x}}").missingKeyError().execute(data));
        assertEquals("template: :1:9: executing \"\" at <.Labels.x>: map has no entry for key \"x\"", strict.getMessage());
    }
}
