package dev.berth.cli.run;

import dev.berth.client.json.JsonNodes;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected bodies and messages are what the docker CLI 28.2.2 sent and printed for the same values. */
class MountSpecsTest {
    private static final Path CWD = Path.of("/tmp/vc");

    private static String mount(String spec) {
        return JsonNodes.string(JsonNodes.parse(JsonNodes.bytes(MountSpecs.mount(spec, CWD).body())));
    }

    private static String error(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> MountSpecs.mount(spec, CWD)).getMessage();
    }

    @Test
    void fieldsInGoOrderWhateverOrderTheyAreWrittenIn() {
        assertEquals("{\"Type\":\"volume\",\"Source\":\"mv\",\"Target\":\"/mv\",\"VolumeOptions\":{\"NoCopy\":true,\"Labels\":{\"a\":\"b\"},"
                        + "\"DriverConfig\":{\"Name\":\"local\",\"Options\":{\"device\":\"tmpfs\",\"type\":\"tmpfs\"}}}}",
                mount("type=volume,src=mv,dst=/mv,volume-nocopy,volume-label=a=b,volume-driver=local,volume-opt=type=tmpfs,volume-opt=device=tmpfs"));
        assertEquals("{\"Type\":\"volume\",\"Target\":\"/a\",\"VolumeOptions\":{\"NoCopy\":true,\"Labels\":{\"k\":\"\"},\"Subpath\":\"s\","
                + "\"DriverConfig\":{\"Options\":{\"x\":\"1\"}}}}", mount("volume-opt=x=1,volume-nocopy,dst=/a,volume-subpath=s,volume-label=k"));
        assertEquals("{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Target\":\"/b\",\"ReadOnly\":true,\"BindOptions\":{\"Propagation\":\"rslave\"}}",
                mount("Type=bind,SOURCE=/tmp,target=/b,readonly,bind-propagation=RSLAVE"));
        assertEquals("{\"Type\":\"tmpfs\",\"Target\":\"/tm\",\"TmpfsOptions\":{\"SizeBytes\":1048576,\"Mode\":1016}}",
                mount("type=tmpfs,dst=/tm,tmpfs-size=1m,tmpfs-mode=1770"));
    }

    @Test
    void emptyValuesLeaveEmptyOptionBlocks() {
        assertEquals("{\"Type\":\"volume\",\"Target\":\"/a\",\"VolumeOptions\":{\"DriverConfig\":{}}}", mount("type=volume,dst=/a,volume-opt=,volume-label="));
        assertEquals("{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Target\":\"/a\",\"BindOptions\":{}}", mount("type=bind,src=/tmp,dst=/a,bind-propagation="));
        assertEquals("{\"Type\":\"tmpfs\",\"Target\":\"/a\",\"TmpfsOptions\":{}}", mount("type=tmpfs,dst=/a,tmpfs-size=0,tmpfs-mode=0"));
        assertEquals("{\"Type\":\"volume\",\"Target\":\"/a\"}", mount("dst=/a,src=,consistency=,ro=false"));
        assertEquals("{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Target\":\"/a\"}", mount("type=bind,src=/tmp,dst=/a,bind-recursive=enabled"));
    }

    @Test
    void relativeSourcesBecomeAbsoluteAndCsvQuotesWork() {
        assertEquals("{\"Type\":\"bind\",\"Source\":\"/tmp/vc/rel\",\"Target\":\"/a\"}", mount("type=bind,src=./rel,dst=/a"));
        assertEquals("{\"Type\":\"bind\",\"Source\":\"/tmp/vc/rel\",\"Target\":\"/a\"}", mount("type=bind,src=../vc/rel,dst=/a"));
        assertEquals("{\"Type\":\"volume\",\"Source\":\"xy\",\"Target\":\"/a,b\"}", mount("\"dst=/a,b\",src=xy"));
    }

    @Test
    void recursiveOptionsAndTheDeprecatedSpelling() {
        assertEquals("{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Target\":\"/a\",\"ReadOnly\":true,\"BindOptions\":{\"Propagation\":\"rprivate\",\"ReadOnlyForceRecursive\":true}}",
                mount("type=bind,src=/tmp,dst=/a,bind-recursive=readonly,readonly,bind-propagation=rprivate"));
        assertEquals("{\"Type\":\"bind\",\"Source\":\"/tmp\",\"Target\":\"/a\",\"ReadOnly\":true,\"BindOptions\":{\"ReadOnlyNonRecursive\":true}}",
                mount("type=bind,src=/tmp,dst=/a,bind-recursive=writable,ro"));
        MountSpecs.Mount old = MountSpecs.mount("type=bind,src=/tmp,dst=/a,bind-nonrecursive", CWD);
        assertEquals("bind-nonrecursive is deprecated, use bind-recursive=disabled instead", old.warning());
        assertEquals(true, ((java.util.Map<?, ?>) old.body().get("BindOptions")).get("NonRecursive"));
        assertNull(MountSpecs.mount("type=bind,src=/tmp,dst=/a,bind-recursive=disabled", CWD).warning());
    }

    @Test
    void dockersMessages() {
        assertEquals("target is required", error("type=bind,src=/tmp"));
        assertEquals("type is required", error("dst=/a,type="));
        assertEquals("unexpected key 'foo' in 'Foo=1'", error("Foo=1,dst=/a"));
        assertEquals("unexpected key ' type ' in ' type = bind '", error(" type = bind ,src=/tmp,dst=/a"));
        assertEquals("unexpected key 'bind-create-mountpoint' in 'bind-create-mountpoint=1'", error("type=bind,src=/tmp,dst=/a,bind-create-mountpoint=1"));
        assertEquals("invalid field 'bar' must be a key=value pair", error("dst=/a,bar"));
        assertEquals("invalid field '' must be a key=value pair", error("dst=/a,,ro"));
        assertEquals("invalid value for ro: maybe", error("dst=/a,ro=maybe"));
        assertEquals("invalid value for ro:  true", error("dst=/a,ro= true"));
        assertEquals("invalid value for volume-nocopy: maybe", error("dst=/a,volume-nocopy=maybe"));
        assertEquals("invalid value for tmpfs-size: 1x", error("type=tmpfs,dst=/a,tmpfs-size=1x"));
        assertEquals("invalid value for tmpfs-size: -1", error("type=tmpfs,dst=/a,tmpfs-size=-1"));
        assertEquals("invalid value for tmpfs-mode: 9", error("type=tmpfs,dst=/a,tmpfs-mode=9"));
        assertEquals("invalid value for tmpfs-mode: ", error("type=tmpfs,dst=/a,tmpfs-mode="));
        assertEquals("invalid value for tmpfs-mode: 07777777777777", error("type=tmpfs,dst=/a,tmpfs-mode=07777777777777"));
        // a bad value is reported before a type that does not take the option
        assertEquals("invalid value for tmpfs-mode: 9", error("type=bind,dst=/a,src=/tmp,tmpfs-mode=9"));
        assertEquals("cannot mix 'bind-*' options with mount type 'volume'", error("type=volume,dst=/a,bind-propagation=rslave"));
        assertEquals("cannot mix 'volume-*' options with mount type 'bind'", error("type=bind,src=/tmp,dst=/a,volume-nocopy"));
        assertEquals("cannot mix 'tmpfs-*' options with mount type 'volume'", error("type=volume,dst=/a,tmpfs-size=1m"));
        assertEquals("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction", error("type=bind,src=/tmp,dst=/a,bind-recursive=writable"));
        assertEquals("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction", error("type=bind,src=/tmp,dst=/a,bind-recursive=readonly"));
        assertEquals("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction",
                error("type=bind,src=/tmp,dst=/a,bind-recursive=readonly,readonly"));
        assertEquals("invalid value for bind-recursive: foo (must be \"enabled\", \"disabled\", \"writable\", or \"readonly\")",
                error("type=bind,src=/tmp,dst=/a,bind-recursive=foo"));
        assertEquals("invalid value for bind-nonrecursive: x", error("type=bind,src=/tmp,dst=/a,bind-nonrecursive=x"));
    }

    @Test
    void csvErrorsInGosWords() {
        assertEquals("EOF", error(""));
        assertEquals("parse error on line 1, column 5: bare \" in non-quoted-field", error("dst=\"/a\""));
        assertEquals("parse error on line 1, column 8: extraneous or missing \" in quoted-field", error("\"dst=/a"));
        assertEquals("parse error on line 1, column 3: extraneous or missing \" in quoted-field", error("\"a\"b,dst=/x"));
        assertEquals("parse error on line 1, column 11: extraneous or missing \" in quoted-field", error("dst=/x,\"ro\"x"));
        assertEquals("invalid field 'a\"b' must be a key=value pair", error("dst=/x,\"a\"\"b\""));
    }

    @Test
    void volumeFlags() {
        List<String> binds = new ArrayList<>();
        List<String> volumes = new ArrayList<>();
        for (String v : List.of(".:/x", "..:/x", ".x:/x", "./rel:/x:ro", "rel:/x", "/a:b", "/tmp:/t:rw,rprivate", "x", "./rel", "/anon")) {
            MountSpecs.volume(v, binds, volumes, CWD);
        }
        assertEquals(List.of("/tmp/vc:/x", "/tmp:/x", "/tmp/vc/.x:/x", "/tmp/vc/rel:/x:ro", "rel:/x", "/a:b", "/tmp:/t:rw,rprivate"), binds);
        // the daemon judges these, as it does for the docker CLI
        assertEquals(List.of("x", "./rel", "/anon"), volumes);
        assertEquals("invalid spec: /x:/x:ro:z: too many colons",
                assertThrows(ConfigException.class, () -> MountSpecs.volume("/x:/x:ro:z", binds, volumes, CWD)).getMessage());
        assertEquals("invalid spec: :/x: empty section between colons",
                assertThrows(ConfigException.class, () -> MountSpecs.volume(":/x", binds, volumes, CWD)).getMessage());
        assertEquals("invalid empty volume spec", assertThrows(ConfigException.class, () -> MountSpecs.volume("", binds, volumes, CWD)).getMessage());
    }
}
