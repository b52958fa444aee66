package dev.berth.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The crash matrix (issue 9): rounds of API operations (run, create, start, stop, rm -f, exec,
 * import) in parallel threads, berthd SIGKILLed at a random point while they run, restarted on
 * the same roots, and invariants checked against what the API had acknowledged and what is on the
 * host:
 * <ol>
 * <li><b>I1 listing</b>: {@code /containers/json?all=1} lists each id and name once; every
 * container whose create was acknowledged is listed unless an rm was sent; an acknowledged rm is
 * not listed; an acknowledged start is running, an acknowledged stop is not; containers no
 * operation touched keep their state (and a running one its pid); an acknowledged import's tag
 * exists.</li>
 * <li><b>I2 running</b>: every container listed running has a live State.Pid and runs an exec
 * of {@code true} with exit code 0.</li>
 * <li><b>I3 orphans</b>: conmon processes, processes in the daemon's cgroups (e.g. {@code runc
 * init}), runc processes and runc state, rootfs mounts and cgroups belong only to running
 * containers; {@code <data>/containers/<id>} only to listed ones; veths on the bridge and
 * sandbox namespaces only to running containers plus the warm pool (3).</li>
 * <li><b>I4 baseline</b>: after the last round, {@code rm -f} of everything leaves no container,
 * process, mount, cgroup, runc state, container directory or extra veth.</li>
 * </ol>
 * Each check is polled for up to {@link #SETTLE_MS} until it holds, so exits the daemon is still
 * processing are not counted. Violations are collected per round and reported together at the end.
 *
 * <p>{@code -Dberth.crash.rounds=N} (default 6, CI) and {@code -Dberth.crash.seed=S} (replays a
 * printed seed: the same choices of operations and kill delays; as the kill lands by time, and
 * later rounds pick targets among what earlier ones left, a replay is close, not exact).
 */
@Tag("root")
class CrashMatrixEndToEndTest {
    private static final int ROUNDS = Integer.getInteger("berth.crash.rounds", 6);
    private static final long SEED = Long.getLong("berth.crash.seed", new Random().nextLong());
    private static final long SETTLE_MS = 8_000;
    private static final int POOL = 3; // Daemon: new SandboxPool(bridge, exec/netns, 3)
    private static final int MAX_CONTAINERS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Berthd berthd;
    private String suffix;
    private volatile boolean crashed;

    enum Kind { RUN, CREATE, START, STOP, RM, EXEC, IMPORT }

    /** One operation of a round; fields are written by its thread and read after the join. */
    static final class Op {
        final Kind kind;
        volatile String target; // container id (null for RUN/CREATE before the create reply, IMPORT)
        final int tag;          // IMPORT: crash:<tag>
        final List<String> steps = Collections.synchronizedList(new ArrayList<>());
        volatile boolean createAcked, startSent, startAcked, acked, sent;
        Op(Kind kind, String target, int tag) { this.kind = kind; this.target = target; this.tag = tag; }
        String shortTarget() { return target == null ? (kind == Kind.IMPORT ? "crash:" + tag : "?") : target.substring(0, 12); }
        @Override public String toString() { return kind + " " + shortTarget() + " " + steps; }
    }

    record Listed(String id, String name, String state) {}

    @Test
    void crashMatrix() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping the crash matrix");
        System.out.println("[crash-matrix] seed=" + SEED + " rounds=" + ROUNDS + " (replay: -Dberth.crash.seed=" + SEED + ")");
        long t0 = System.nanoTime();
        Random rnd = new Random(SEED);
        berthd = Berthd.start();
        suffix = berthd.cgroupSuffix();
        Map<String, Integer> failuresByInvariant = new TreeMap<>();
        List<String> report = new ArrayList<>();
        int failedRounds = 0;
        Throwable abort = null;
        try {
            awaitPing();
            // the busybox image is made on first use; make it now so round 1 is not all image making
            Berthd.HttpReply warm = berthd.http("POST", "/containers/create", createBody("true"));
            String warmId = idOf(warm.body());
            if (warmId != null) berthd.http("DELETE", "/containers/" + warmId + "?force=1", null);
            Set<String> rmAckedEver = new HashSet<>();
            Set<String> rmSentEver = new HashSet<>();
            Set<String> everSeen = new LinkedHashSet<>();
            Set<String> reported = new HashSet<>();
            for (int round = 1; round <= ROUNDS; round++) {
                // ---- before: the state the round starts from
                Map<String, Listed> before = list();
                everSeen.addAll(before.keySet());
                Map<String, Integer> pidsBefore = new HashMap<>();
                for (Listed l : before.values()) if (l.state().equals("running")) pidsBefore.put(l.id(), pid(l.id()));

                // ---- the operations, each on a distinct container
                List<Op> ops = planOps(rnd, round, before);
                int killAfter = rnd.nextInt(401);
                crashed = false;
                List<Thread> threads = new ArrayList<>();
                for (Op op : ops) threads.add(Thread.ofPlatform().name("crash-op-" + op.kind).start(() -> perform(op)));
                Thread.sleep(killAfter);
                crashed = true;
                berthd.kill9();
                for (Thread t : threads) t.join(15_000);
                for (Thread t : threads) if (t.isAlive()) report.add("round " + round + ": op thread " + t.getName() + " still blocked 15 s after the kill");

                // ---- restart
                long restart0 = System.nanoTime();
                berthd.launch();
                awaitPing();
                long restartMs = (System.nanoTime() - restart0) / 1_000_000;

                for (Op op : ops) {
                    if (op.target != null) everSeen.add(op.target);
                    if (op.kind == Kind.RM && op.sent) rmSentEver.add(op.target);
                    if (op.kind == Kind.RM && op.acked) rmAckedEver.add(op.target);
                }
                // ---- invariants, each polled until it holds or SETTLE_MS passes
                // a leftover of an earlier round is reported there once; here only what is new counts
                Map<String, List<String>> violations = new LinkedHashMap<>();
                int carried = 0;
                for (var check : List.<Map.Entry<String, Check>>of(
                        Map.entry("I1 listing", () -> checkListing(before, pidsBefore, ops, everSeen, rmSentEver, rmAckedEver)),
                        Map.entry("I2 running", this::checkRunning),
                        Map.entry("I3 orphans", () -> checkOrphans(everSeen, false)))) {
                    List<String> all = settle(check.getValue(), reported);
                    List<String> fresh = all.stream().filter(x -> !reported.contains(x)).toList();
                    carried += all.size() - fresh.size();
                    if (!fresh.isEmpty()) violations.put(check.getKey(), fresh);
                }

                String head = "round " + round + "/" + ROUNDS + ": kill -9 after " + killAfter + " ms, restart " + restartMs + " ms; interrupted: " + ops
                        + (carried > 0 ? " (" + carried + " violations of earlier rounds persist)" : "");
                if (violations.isEmpty()) {
                    System.out.println("[crash-matrix] " + head + " -> ok");
                } else {
                    failedRounds++;
                    StringBuilder sb = new StringBuilder(head);
                    violations.forEach((inv, lines) -> {
                        failuresByInvariant.merge(inv, 1, Integer::sum);
                        reported.addAll(lines);
                        sb.append("\n  ").append(inv).append(" FAILED:");
                        for (String l : lines) sb.append("\n    ").append(l);
                    });
                    report.add(sb.toString());
                    System.out.println("[crash-matrix] " + sb.toString().replace("\n", "\n[crash-matrix] "));
                }
            }

            // ---- I4: rm -f of everything leaves the baseline
            for (String id : list().keySet()) berthd.http("DELETE", "/containers/" + id + "?force=1&v=1", null);
            everSeen.addAll(list().keySet());
            List<String> i4 = settle(() -> {
                List<String> v = new ArrayList<>();
                Map<String, Listed> left = list();
                if (!left.isEmpty()) v.add("containers still listed after rm -f of all: " + left.values());
                v.addAll(checkOrphans(everSeen, true));
                return v;
            }, Set.of());
            if (!i4.isEmpty()) {
                failuresByInvariant.merge("I4 baseline", 1, Integer::sum);
                String s = "after the last round, rm -f of everything:\n  I4 baseline FAILED:\n    " + String.join("\n    ", i4);
                report.add(s);
                System.out.println("[crash-matrix] " + s.replace("\n", "\n[crash-matrix] "));
            }
        } catch (Throwable t) {
            abort = t;
        } finally {
            try {
                List<String> scrubbed = berthd.scrubContainerLeftovers();
                if (!scrubbed.isEmpty()) System.out.println("[crash-matrix] scrubbed what the daemon left: " + scrubbed);
            } finally {
                berthd.close();
            }
        }
        long secs = (System.nanoTime() - t0) / 1_000_000_000;
        String summary = "crash matrix: seed=" + SEED + " rounds=" + ROUNDS + " failed rounds=" + failedRounds + "/" + ROUNDS
                + " by invariant=" + failuresByInvariant + " in " + secs + " s";
        System.out.println("[crash-matrix] " + summary);
        if (abort != null) throw new AssertionError(summary + "\naborted: " + abort, abort);
        if (!report.isEmpty()) fail(summary + "\n" + String.join("\n", report));
    }

    // ------------------------------------------------------------------ operations

    private List<Op> planOps(Random rnd, int round, Map<String, Listed> before) {
        List<String> created = new ArrayList<>(), running = new ArrayList<>(), all = new ArrayList<>(before.keySet());
        for (Listed l : before.values()) {
            if (l.state().equals("created")) created.add(l.id());
            if (l.state().equals("running")) running.add(l.id());
        }
        // deterministic order for a seed: the listing's order is the daemon's
        Collections.sort(created);
        Collections.sort(running);
        Collections.sort(all);
        Set<String> taken = new HashSet<>();
        List<Op> ops = new ArrayList<>();
        int n = 2 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            Kind k = switch (rnd.nextInt(13)) {
                case 0, 1, 2 -> Kind.RUN;
                case 3 -> Kind.CREATE;
                case 4, 5 -> Kind.START;
                case 6, 7 -> Kind.STOP;
                case 8, 9 -> Kind.RM;
                case 10, 11 -> Kind.EXEC;
                default -> Kind.IMPORT;
            };
            if (all.size() - countTaken(all, taken) > MAX_CONTAINERS && rnd.nextBoolean()) k = Kind.RM;
            List<String> pool = switch (k) {
                case START -> created;
                case STOP, EXEC -> running;
                case RM -> all;
                default -> null;
            };
            String target = null;
            if (pool != null) {
                List<String> free = pool.stream().filter(id -> !taken.contains(id)).toList();
                if (free.isEmpty()) k = Kind.RUN;
                else target = free.get(rnd.nextInt(free.size()));
            }
            if (target != null) taken.add(target);
            ops.add(new Op(k, target, round * 10 + i));
        }
        return ops;
    }

    private static int countTaken(List<String> all, Set<String> taken) {
        int c = 0;
        for (String id : all) if (taken.contains(id)) c++;
        return c;
    }

    private void perform(Op op) {
        try {
            switch (op.kind) {
                case RUN, CREATE -> {
                    Berthd.HttpReply r = send(op, "create", "POST", "/containers/create", createBody("sleep", "3600"));
                    if (r == null) return;
                    String id = idOf(r.body());
                    if (!r.status().contains(" 201 ") || id == null) return;
                    op.target = id;
                    op.createAcked = true;
                    if (op.kind == Kind.CREATE) { op.acked = true; return; }
                    op.startSent = true;
                    Berthd.HttpReply s = send(op, "start", "POST", "/containers/" + id + "/start", null);
                    if (s != null && s.status().contains(" 204 ")) op.startAcked = op.acked = true;
                }
                case START -> {
                    Berthd.HttpReply s = send(op, "start", "POST", "/containers/" + op.target + "/start", null);
                    if (s != null && s.status().contains(" 204 ")) op.acked = true;
                }
                case STOP -> {
                    Berthd.HttpReply s = send(op, "stop", "POST", "/containers/" + op.target + "/stop?t=1", null);
                    if (s != null && (s.status().contains(" 204 ") || s.status().contains(" 304 "))) op.acked = true;
                }
                case RM -> {
                    Berthd.HttpReply s = send(op, "rm", "DELETE", "/containers/" + op.target + "?force=1&v=1", null);
                    if (s != null && s.status().contains(" 204 ")) op.acked = true;
                }
                case EXEC -> {
                    Berthd.HttpReply c = send(op, "exec-create", "POST", "/containers/" + op.target + "/exec", "{\"Cmd\":[\"true\"]}");
                    String execId = c == null ? null : idOf(c.body());
                    if (execId == null || !c.status().contains(" 201 ")) return;
                    Berthd.HttpReply s = send(op, "exec-start", "POST", "/exec/" + execId + "/start", "{\"Detach\":true}");
                    if (s != null && s.status().startsWith("HTTP/1.1 2")) op.acked = true;
                }
                case IMPORT -> {
                    if (crashed) return;
                    op.sent = true;
                    Berthd.HttpReply r;
                    try {
                        r = berthd.http("POST", "/images/create?fromSrc=-&repo=crash&tag=" + op.tag, tinyTar(op.tag), "application/x-tar");
                    } catch (Exception e) {
                        op.steps.add("import:no-reply");
                        return;
                    }
                    String body = dechunk(r);
                    op.steps.add("import:" + r.status().substring(9, 12));
                    if (r.status().contains(" 200 ") && body.contains("sha256:") && !body.contains("\"error")) op.acked = true;
                }
            }
        } catch (Exception e) {
            op.steps.add("error:" + e);
        }
    }

    /** One request of an operation, unless the daemon is already being killed; null if it got no complete reply. */
    private Berthd.HttpReply send(Op op, String step, String method, String path, String body) {
        if (crashed) { op.steps.add(step + ":not-sent"); return null; }
        op.sent = true;
        try {
            Berthd.HttpReply r = berthd.http(method, path, body);
            String code = r.status().substring(9, 12);
            // an error reply says why (e.g. a start refused after an earlier crash left runc state)
            op.steps.add(step + ":" + code + (code.startsWith("5") ? " " + abbreviate(dechunk(r).strip()) : ""));
            return r;
        } catch (Exception e) {
            op.steps.add(step + ":no-reply");
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "...";
    }

    private static String createBody(String... cmd) {
        StringBuilder sb = new StringBuilder("{\"Image\":\"busybox\",\"Cmd\":[");
        for (int i = 0; i < cmd.length; i++) sb.append(i == 0 ? "" : ",").append('"').append(cmd[i]).append('"');
        return sb.append("]}").toString();
    }

    // ------------------------------------------------------------------ invariants

    private List<String> checkListing(Map<String, Listed> before, Map<String, Integer> pidsBefore, List<Op> ops,
                                      Set<String> everSeen, Set<String> rmSentEver, Set<String> rmAckedEver) throws Exception {
        List<String> v = new ArrayList<>();
        Berthd.HttpReply r = berthd.http("GET", "/containers/json?all=1", null);
        JsonNode arr = JSON.readTree(dechunk(r));
        Map<String, Integer> ids = new HashMap<>(), names = new HashMap<>();
        Map<String, Listed> now = new HashMap<>();
        for (JsonNode c : arr) {
            String id = c.path("Id").asText();
            String name = c.path("Names").path(0).asText();
            ids.merge(id, 1, Integer::sum);
            names.merge(name, 1, Integer::sum);
            now.put(id, new Listed(id, name, c.path("State").asText()));
        }
        ids.forEach((id, n) -> { if (n > 1) v.add("id listed " + n + " times: " + id); });
        names.forEach((nm, n) -> { if (n > 1) v.add("name listed " + n + " times: " + nm); });

        Set<String> touched = new HashSet<>();
        for (Op op : ops) {
            if (op.target != null) touched.add(op.target);
            if (op.target == null) continue;
            Listed l = now.get(op.target);
            String state = l == null ? "absent" : l.state();
            switch (op.kind) {
                case RUN, CREATE -> {
                    if (op.createAcked && l == null) v.add(op.kind + ": create of " + op.target + " was acknowledged (201) but it is not listed");
                    if (op.startAcked && !state.equals("running")) v.add("RUN: start of " + op.target + " was acknowledged (204) but it is " + state);
                }
                case START -> { if (op.acked && !state.equals("running")) v.add("START: start of " + op.target + " was acknowledged (204) but it is " + state); }
                case STOP -> {
                    if (l == null) v.add("STOP: " + op.target + " vanished (no rm was sent)");
                    else if (op.acked && state.equals("running")) v.add("STOP: stop of " + op.target + " was acknowledged but it is running");
                }
                case RM -> { if (op.acked && l != null) v.add("RM: rm -f of " + op.target + " was acknowledged (204) but it is listed, " + state); }
                case EXEC -> {
                    if (!state.equals("running")) v.add("EXEC: " + op.target + " was running and only exec'd, but is now " + state);
                }
                case IMPORT -> { }
            }
        }
        for (Op op : ops) {
            if (op.kind != Kind.IMPORT || !op.acked) continue;
            Berthd.HttpReply img = berthd.http("GET", "/images/crash:" + op.tag + "/json", null);
            if (!img.status().contains(" 200 ")) v.add("IMPORT: import of crash:" + op.tag + " was acknowledged but the tag answers " + img.status());
        }
        for (Listed b : before.values()) {
            if (touched.contains(b.id())) continue;
            Listed l = now.get(b.id());
            if (l == null) { v.add("untouched " + b.state() + " container " + b.id() + " vanished"); continue; }
            if (!l.state().equals(b.state())) v.add("untouched container " + b.id() + " was " + b.state() + ", is " + l.state());
            else if (b.state().equals("running")) {
                int p = pid(b.id());
                Integer p0 = pidsBefore.get(b.id());
                if (p0 != null && p != p0) v.add("untouched running container " + b.id() + " changed pid " + p0 + " -> " + p);
            }
        }
        // over all rounds: nothing the API acknowledged is lost, and nothing acknowledged removed comes back
        for (String id : everSeen) {
            if (now.containsKey(id) && rmAckedEver.contains(id)) v.add(id + " is listed although its rm -f was acknowledged");
            if (!now.containsKey(id) && !rmSentEver.contains(id) && wasAcknowledged(id, ops, before))
                v.add(id + " is not listed although it was created and no rm was sent");
        }
        return v;
    }

    private static boolean wasAcknowledged(String id, List<Op> ops, Map<String, Listed> before) {
        if (before.containsKey(id)) return true;
        for (Op op : ops) if (id.equals(op.target) && op.createAcked) return true;
        return false;
    }

    private List<String> checkRunning() throws Exception {
        List<String> v = new ArrayList<>();
        for (Listed l : list().values()) {
            if (!l.state().equals("running")) continue;
            int pid = pid(l.id());
            if (pid <= 0 || !Files.exists(Path.of("/proc/" + pid))) {
                v.add(l.id() + " is listed running but its State.Pid " + pid + " is not alive");
                continue;
            }
            Berthd.HttpReply c = berthd.http("POST", "/containers/" + l.id() + "/exec", "{\"Cmd\":[\"true\"]}");
            String execId = idOf(c.body());
            if (execId == null) { v.add("exec create in running " + l.id() + ": " + c.status() + " " + c.body().strip()); continue; }
            Berthd.HttpReply s = berthd.http("POST", "/exec/" + execId + "/start", "{\"Detach\":true}");
            if (!s.status().startsWith("HTTP/1.1 2")) { v.add("exec start in running " + l.id() + ": " + s.status() + " " + s.body().strip()); continue; }
            String result = null;
            for (int i = 0; i < 50; i++) {
                JsonNode e = JSON.readTree(berthd.http("GET", "/exec/" + execId + "/json", null).body());
                if (!e.path("Running").asBoolean(true) && e.has("ExitCode") && !e.path("ExitCode").isNull()) {
                    result = e.path("ExitCode").asText();
                    break;
                }
                Thread.sleep(50);
            }
            if (!"0".equals(result)) v.add("exec true in running " + l.id() + " ended with exit code " + result);
        }
        return v;
    }

    /** Host state of this daemon against what the API lists; with baseline, nothing may be left at all. */
    private List<String> checkOrphans(Set<String> everSeen, boolean baseline) throws Exception {
        List<String> v = new ArrayList<>();
        Map<String, Listed> listed = list();
        Set<String> running = new HashSet<>();
        for (Listed l : listed.values()) if (l.state().equals("running")) running.add(l.id());
        String tmp = berthd.tmp().toString();
        Path data = berthd.dataRoot(), exec = berthd.execRoot();
        String why = baseline ? "after rm -f of everything" : "not running";

        // processes: conmon and runc of this root, and anything inside this daemon's cgroups
        for (Berthd.Proc p : Berthd.processes()) {
            if (p.cmdline().contains("dev.berth.daemon.Main")) continue;
            String argv0 = p.argv().isEmpty() ? "" : p.argv().getFirst();
            String cg = p.containerCgroup(suffix);
            if (argv0.endsWith("conmon") && p.cmdline().contains(tmp)) {
                String id = p.argAfter("-c");
                if (!running.contains(id)) v.add("conmon pid " + p.pid() + " of container " + id + " (" + describe(id, listed) + ")");
            } else if (cg != null) {
                if (!running.contains(cg)) v.add("process pid " + p.pid() + " '" + p.cmdline().strip() + "' (ppid " + p.ppid() + ") in cgroup berth-" + suffix + "/" + cg + " (" + describe(cg, listed) + ")");
            } else if ((argv0.endsWith("runc") || argv0.contains("/runc")) && p.cmdline().contains(tmp)) {
                v.add("runc process pid " + p.pid() + " '" + p.cmdline().strip() + "' still running");
            }
        }

        // mounts under the temporary root
        int sandboxes = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            String mp = f[4].replace("\\040", " ");
            if (!mp.startsWith(tmp + "/")) continue;
            Path m = Path.of(mp);
            if (m.equals(exec.resolve("netns"))) continue;
            if (m.getParent().equals(exec.resolve("netns")) && m.getFileName().toString().startsWith("sb-")) { sandboxes++; continue; }
            if (m.startsWith(data.resolve("containers")) && m.getFileName().toString().equals("rootfs")) {
                String id = m.getParent().getFileName().toString();
                if (!running.contains(id)) v.add("rootfs mount " + mp + " of " + id + " (" + describe(id, listed) + ")");
                continue;
            }
            v.add("mount " + mp + " (" + f[f.length - 3] + ")");
        }

        // container directories, runc state, exit files, overlay upper layers
        for (Path d : children(data.resolve("containers")))
            if (!listed.containsKey(d.getFileName().toString())) v.add("container directory " + d + " of a container not listed (" + describe(d.getFileName().toString(), listed) + ")");
        for (Path d : children(exec.resolve("runc")))
            if (!running.contains(d.getFileName().toString())) v.add("runc state " + d + " (" + describe(d.getFileName().toString(), listed) + ")");
        for (String id : everSeen) {
            if (listed.containsKey(id)) continue;
            if (Files.exists(data.resolve("overlay").resolve(id))) v.add("overlay layer " + data.resolve("overlay").resolve(id) + " of removed container " + id);
        }

        // cgroups
        Map<String, List<String>> cgroups = new TreeMap<>();
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.sorted().toList()) {
                for (Path d : children(h.resolve("berth-" + suffix))) {
                    if (!Files.isDirectory(d)) continue;
                    String id = d.getFileName().toString();
                    if (!running.contains(id)) cgroups.computeIfAbsent(id, k -> new ArrayList<>()).add(h.getFileName().toString());
                }
            }
        }
        cgroups.forEach((id, hs) -> v.add("cgroup /sys/fs/cgroup/{" + String.join(",", hs) + "}/berth-" + suffix + "/" + id + " (" + describe(id, listed) + ")"));

        // veths on the bridge and sandbox namespaces: the running containers' plus the warm pool
        int veths = 0;
        Berthd.Result links = berthd.run("ip", "-o", "link", "show", "master", "berth" + suffix);
        for (String l : links.out().lines().toList()) if (!l.isBlank()) veths++;
        if (veths > running.size() + POOL) v.add(veths + " veths on berth" + suffix + " for " + running.size() + " running containers and a pool of " + POOL + why(baseline));
        if (sandboxes > running.size() + POOL) v.add(sandboxes + " sandbox netns mounts for " + running.size() + " running containers and a pool of " + POOL + why(baseline));
        return v;
    }

    private static String why(boolean baseline) { return baseline ? " (after rm -f of everything)" : ""; }

    private static String describe(String id, Map<String, Listed> listed) {
        Listed l = listed.get(id);
        return l == null ? "not listed" : "listed " + l.state();
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (var s = Files.list(dir)) { return s.sorted().toList(); }
    }

    interface Check { List<String> get() throws Exception; }

    /**
     * Runs a check until it finds nothing but {@code known} violations (reported in an earlier
     * round) or {@link #SETTLE_MS} passes; returns the last violations.
     */
    private static List<String> settle(Check check, Set<String> known) throws Exception {
        long deadline = System.nanoTime() + SETTLE_MS * 1_000_000;
        while (true) {
            List<String> v = check.get();
            if (known.containsAll(v) || System.nanoTime() > deadline) return v;
            Thread.sleep(250);
        }
    }

    // ------------------------------------------------------------------ API helpers

    private void awaitPing() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                Berthd.HttpReply r = berthd.http("GET", "/_ping", null);
                if (r.body().equals("OK")) return;
                last = r.status();
            } catch (Exception e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("berthd did not answer _ping within 30 s after its restart: " + last);
    }

    /** id -> listing entry, in the daemon's order. */
    private Map<String, Listed> list() throws Exception {
        Berthd.HttpReply r = berthd.http("GET", "/containers/json?all=1", null);
        if (!r.status().contains(" 200 ")) throw new AssertionError("GET /containers/json: " + r.status() + " " + r.body());
        Map<String, Listed> m = new LinkedHashMap<>();
        for (JsonNode c : JSON.readTree(dechunk(r)))
            m.put(c.path("Id").asText(), new Listed(c.path("Id").asText(), c.path("Names").path(0).asText(), c.path("State").asText()));
        return m;
    }

    private int pid(String id) throws Exception {
        Berthd.HttpReply r = berthd.http("GET", "/containers/" + id + "/json", null);
        if (!r.status().contains(" 200 ")) return -1;
        return JSON.readTree(dechunk(r)).path("State").path("Pid").asInt(-1);
    }

    private static String idOf(String body) {
        Matcher m = Pattern.compile("\"Id\"\\s*:\\s*\"([0-9a-f]{64})\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** The body of a reply, decoded when it came chunked. */
    static String dechunk(Berthd.HttpReply r) {
        if (!r.headers().toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) return r.body();
        String b = r.body();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < b.length()) {
            int eol = b.indexOf("\r\n", i);
            if (eol < 0) break;
            String sizeText = b.substring(i, eol).split(";")[0].trim();
            if (sizeText.isEmpty()) { i = eol + 2; continue; }
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) break;
            // sizes count bytes; the bodies here are ASCII JSON
            out.append(b, eol + 2, Math.min(b.length(), eol + 2 + size));
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }

    /** A ustar archive of one regular file, {@code crash-<n>}, made here so no tar binary is needed. */
    static byte[] tinyTar(int n) throws IOException {
        byte[] content = ("crash " + n + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] h = new byte[512];
        put(h, 0, "crash-" + n);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, String.format("%011o", 1_700_000_000L));
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) h[i] = ' ';
        int sum = 0;
        for (byte b : h) sum += b & 0xff;
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(h);
        out.write(content);
        out.write(new byte[512 - content.length]);
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }
}
