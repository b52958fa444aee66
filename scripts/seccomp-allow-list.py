#!/usr/bin/env python3
"""Prints the Java list of the calls a Docker seccomp profile allows on amd64 to every container
(SeccompProfile.ALLOWED), and lists its other rules for a reader to compare with SeccompProfile's
code. Run it on Docker's newest default.json when updating the table:
    scripts/seccomp-allow-list.py default.json
"""
import json
import sys

profile = json.load(open(sys.argv[1]))
allowed, other = set(), []
for rule in profile["syscalls"]:
    names = rule.get("names") or [rule["name"]]
    includes, excludes = rule.get("includes") or {}, rule.get("excludes") or {}
    if "amd64" in (excludes.get("arches") or []) or includes.get("arches") and "amd64" not in includes["arches"]:
        continue
    # minKernel 4.8 (ptrace): berth needs a newer kernel than that anyway
    unconditional = (rule["action"] == "SCMP_ACT_ALLOW" and not rule.get("args") and not includes.get("caps")
                     and not excludes.get("caps"))
    if unconditional:
        allowed.update(names)
    else:
        other.append(rule)

lines, line = [], ""
for name in sorted(allowed):
    item = f'"{name}", '
    if len(line) + len(item) > 116:
        lines.append(line.rstrip())
        line = ""
    line += item
lines.append(line.rstrip().rstrip(","))
print(f"    // {len(allowed)} calls")
print("    static final List<String> ALLOWED = List.of(")
print("\n".join("            " + l for l in lines) + ");")
print("\n// the other rules, for comparison with forCapabilities:", file=sys.stderr)
for rule in other:
    print(json.dumps({k: v for k, v in rule.items() if k != "comment"}), file=sys.stderr)
