#!/usr/bin/env bash
# make demo: apply stacks/demo to a throw-away embedded orchestrator, show the services
# running, plan again (expect "No changes.") and check drift (expect none). Runnable again
# and again: every run uses a fresh temporary orchestrator directory and state file.
set -euo pipefail
BIN=${1:-.build/debug/ecsform}
[[ -x "$BIN" ]] || { echo "demo: $BIN is not built (run make build)" >&2; exit 1; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
cd "$(dirname "$0")/.."

WORK=$(mktemp -d /tmp/ecsform-demo.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export ECSFORM_ORCHESTRATOR="$WORK/orchestrator"
export ECSFORM_STATE="$WORK/ecsform.state.json"
export NO_COLOR=1

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\ndemo: FAILED: %s\n' "$*" >&2; exit 1; }

step "ecsform validate stacks/demo"
"$BIN" validate stacks/demo || fail "the demo stack does not validate"

step "ecsform apply stacks/demo --auto-approve   (orchestrator: $ECSFORM_ORCHESTRATOR)"
"$BIN" apply stacks/demo --auto-approve || fail "apply exited $?"

step "the services, as the orchestrator reports them"
for pair in front:web demo-back:worker; do
  cluster=${pair%%:*} service=${pair##*:}
  json=$("$BIN" ecs describe-services --cluster "$cluster" --services "$service") || fail "describe-services $cluster/$service"
  tasks=$("$BIN" ecs list-tasks --cluster "$cluster" --service-name "$service") || fail "list-tasks $cluster/$service"
  python3 - "$json" "$tasks" <<'PY' || fail "service $pair is not running as configured"
import json, sys
s = json.loads(sys.argv[1])["services"][0]
tasks = json.loads(sys.argv[2])["taskArns"]
d = s["deployments"][0]
print(f'  {s["serviceName"]:<7} in {s["clusterArn"].split("/")[-1]:<10} {s["status"]:<7} '
      f'running {s["runningCount"]}/{s["desiredCount"]}  tasks {len(tasks)}  '
      f'{s["taskDefinition"].split("/")[-1]}  rollout {d.get("rolloutState")}')
sys.exit(0 if s["status"] == "ACTIVE" and s["runningCount"] == s["desiredCount"] > 0 else 1)
PY
done

step "ecsform output stacks/demo"
"$BIN" output stacks/demo || fail "output exited $?"

step "ecsform plan stacks/demo --detailed-exitcode   (expect: No changes.)"
set +e
plan=$("$BIN" plan stacks/demo --detailed-exitcode 2>&1); rc=$?
set -e
printf '%s\n' "$plan"
[[ $rc -eq 0 ]] || fail "plan --detailed-exitcode exited $rc after a fresh apply (expected 0)"
grep -q "No changes." <<<"$plan" || fail "plan did not say \"No changes.\""

step "ecsform drift stacks/demo   (expect: in sync, exit 0)"
set +e
"$BIN" drift stacks/demo; rc=$?
set -e
[[ $rc -eq 0 ]] || fail "drift exited $rc right after apply (expected 0)"

printf '\ndemo: OK (validate, apply, services running, no changes, no drift)\n'
