#!/usr/bin/env python3
"""Quick check used while encoding plans: every target `text` and baseline `quote` must occur verbatim in the
seed document (whitespace ignored), every indicator a target names must exist in plans/indicators/*.toml,
and target ids must be unique. Usage: scripts/check_plan_text.py plans/leping-women.toml ../shared/seeds/000_*.txt
The real validation is `plancheck lint`; this is a helper for hand-encoding."""
import glob, re, sys, tomllib

def norm(s):
    return re.sub(r"\s+", "", s)

plan_path, seed_path = sys.argv[1], sys.argv[2]
plan = tomllib.load(open(plan_path, "rb"))
seed = norm(open(seed_path, encoding="utf-8").read())
known = {}
for f in glob.glob("plans/indicators/*.toml"):
    for ind in tomllib.load(open(f, "rb")).get("indicator", []):
        known[ind["id"]] = ind
bad = 0
ids = set()
domains = {d["id"] for d in plan.get("domains", [])}
for t in plan.get("targets", []):
    tid = t.get("id")
    if tid in ids:
        print(f"duplicate target id {tid}"); bad += 1
    ids.add(tid)
    if norm(t.get("text", "")) not in seed:
        print(f"{tid}: text not verbatim in seed: {t.get('text')!r}"); bad += 1
    if t.get("domain") not in domains:
        print(f"{tid}: unknown domain {t.get('domain')}"); bad += 1
    rule = t.get("rule", {})
    for key in ("indicator",):
        if rule.get("kind") != "qualitative" and t.get(key) not in known:
            print(f"{tid}: unknown indicator {t.get(key)}"); bad += 1
    ref = rule.get("reference")
    if ref and ref not in known:
        print(f"{tid}: unknown reference indicator {ref}"); bad += 1
    for k in ("value", "low", "high", "per_year", "percent", "threshold", "first", "second", "tolerance"):
        if k in rule and not isinstance(rule[k], str):
            print(f"{tid}: rule.{k} must be a string"); bad += 1
for b in plan.get("baselines", []):
    if norm(b.get("quote", "")) not in seed:
        print(f"baseline {b.get('indicator')}: quote not verbatim: {b.get('quote')!r}"); bad += 1
    if b.get("indicator") not in known:
        print(f"baseline: unknown indicator {b.get('indicator')}"); bad += 1
kinds = {}
for t in plan.get("targets", []):
    k = t.get("rule", {}).get("kind")
    kinds[k] = kinds.get(k, 0) + 1
print(f"{plan_path}: {len(plan.get('targets', []))} targets {kinds}; {bad} problems")
sys.exit(1 if bad else 0)
