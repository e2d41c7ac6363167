#!/usr/bin/env python3
"""Generate a realistic, valid ecsform stack for benchmarks.

    scripts/gen_stack.py OUT_DIR --resources N [--files K] [--seed S]

Writes K files (stack-000.yaml ...) into OUT_DIR that together hold N resources
(clusters, task roles, task definitions with 1-3 containers, services), plus variables
and outputs, following /work/shared/spec/stack-format.md: fargate task definitions use
awsvpc and a valid CPU/memory pair, EC2 ones run on EC2 clusters, container memory fits
the task, load balancers name a real container port, every `${...}` reference points at
something defined. Each resource is defined in exactly one file. Deterministic: the
same arguments give the same bytes.
"""
import argparse
import math
import os
import random
import sys

FARGATE_PAIRS = [(256, 512), (256, 1024), (512, 1024), (512, 2048), (1024, 2048), (1024, 4096), (2048, 8192)]
TEAMS = ["shop", "payments", "search", "identity", "media", "ops"]
ZONES = ["a", "b", "c"]
IMAGES = ["web", "api", "worker", "cart", "checkout", "auth", "catalog", "thumbnailer"]


def q(text):
    """A double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Writer:
    def __init__(self):
        self.lines = []

    def add(self, indent, text):
        self.lines.append("  " * indent + text)

    def text(self):
        return "\n".join(self.lines) + "\n"


def plan_resources(n, rng):
    """Split N resources into clusters and apps (task role + task definition + service)."""
    if n < 1:
        raise SystemExit("--resources must be at least 1")
    clusters = max(1, n // 100) if n >= 4 else 1
    rest = n - clusters
    apps = rest // 3
    extra = rest - 3 * apps  # 0..2 leftovers: standalone task definitions / roles
    cluster_list = []
    for i in range(clusters):
        capacity = "ec2" if i % 2 == 0 else "fargate"
        cluster_list.append({"key": f"c{i:04d}", "capacity": capacity, "cpu": 0, "memory": 0})
    app_list = []
    for i in range(apps):
        cluster = cluster_list[i % clusters]
        app_list.append({"key": f"app{i:05d}", "cluster": cluster, "team": rng.choice(TEAMS)})
    return cluster_list, app_list, extra


INSTANCE_CPU, INSTANCE_MEMORY = 4096, 16384


def write_cluster(w, c, rng):
    w.add(1, f"{c['key']}:")
    w.add(2, f"name: bench-{c['key']}")
    w.add(2, f"capacity: {c['capacity']}")
    if c["capacity"] == "ec2":
        # Enough instances for every task of its services with 25% headroom, so the stack
        # can also be applied (placement benchmarks), not only validated.
        need = max(c["cpu"] / INSTANCE_CPU, c["memory"] / INSTANCE_MEMORY)
        w.add(2, "instances:")
        w.add(3, f"count: {max(3, math.ceil(need * 1.25))}")
        w.add(3, f"cpu: {INSTANCE_CPU}")
        w.add(3, f"memory: {INSTANCE_MEMORY}")
        w.add(3, f"attributes: {{zone: {rng.choice(ZONES)}}}")
    w.add(2, f"settings: {{container_insights: {rng.choice(['true', 'false'])}}}")
    w.add(2, f"tags: {{team: {rng.choice(TEAMS)}, env: bench}}")


def write_role(w, key, team, rng):
    w.add(1, f"{key}:")
    w.add(2, f"name: {team}-{key}-task")
    w.add(2, f"description: Lets {key} read its bucket and queue")
    w.add(2, "policies:")
    w.add(3, "- effect: allow")
    w.add(4, 'actions: ["s3:GetObject", "s3:ListBucket"]')
    w.add(4, f'resources: ["arn:aws:s3:::{team}-{key}/*"]')
    if rng.random() < 0.5:
        w.add(3, "- effect: allow")
        w.add(4, 'actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage"]')
        w.add(4, f'resources: ["arn:aws:sqs:local:000000000000:{key}-jobs"]')
    if rng.random() < 0.2:
        w.add(3, "- effect: deny")
        w.add(4, 'actions: ["s3:DeleteObject"]')
        w.add(4, 'resources: ["*"]')
    w.add(2, f"max_session_seconds: {rng.choice([900, 3600, 7200, 43200])}")
    w.add(2, f"tags: {{team: {team}}}")


def write_task_definition(w, key, role_key, fargate, rng):
    """Writes one task definition; returns (main container name, its port, task cpu, task memory)."""
    if fargate:
        cpu, memory = rng.choice(FARGATE_PAIRS)
    else:
        cpu, memory = rng.choice([(512, 1024), (1024, 2048), (2048, 4096)])
    image = rng.choice(IMAGES)
    port = rng.choice([80, 8080, 3000, 9000])
    sidecar = rng.random() < 0.5
    migrate = rng.random() < 0.3
    w.add(1, f"{key}:")
    w.add(2, f"family: bench-{key}")
    w.add(2, f"compatibilities: [{'fargate' if fargate else 'ec2'}]")
    w.add(2, f"network_mode: {'awsvpc' if fargate else 'bridge'}")
    w.add(2, f"cpu: {cpu}")
    w.add(2, f"memory: {memory}")
    if role_key:
        w.add(2, f"task_role: ${{task_role.{role_key}.arn}}")
    w.add(2, "containers:")
    # Memory: main gets half, sidecar and migrate a quarter each at most.
    main_mem = memory // 2
    w.add(3, f"- name: {image}")
    w.add(4, f'image: "registry.local/{image}:${{var.image_tag}}"')
    w.add(4, "essential: true")
    w.add(4, f'command: ["/bin/{image}", "--port", "{port}"]')
    w.add(4, "working_directory: /srv")
    w.add(4, "ports:")
    if fargate:
        w.add(5, f"- {{container: {port}, protocol: tcp}}")
    else:
        w.add(5, f"- {{container: {port}, host: 0, protocol: tcp}}")
    w.add(4, "environment:")
    w.add(5, f"LOG_LEVEL: {rng.choice(['debug', 'info', 'warn'])}")
    w.add(5, f'PORT: "{port}"')
    w.add(5, f"SERVICE_NAME: {key}")
    if rng.random() < 0.3:
        w.add(4, 'secrets: {DB_PASSWORD: "${var.db_password}"}')
    w.add(4, f"cpu: {cpu // 2}")
    w.add(4, f"memory: {main_mem}")
    w.add(4, f"memory_reservation: {main_mem // 2}")
    if migrate:
        w.add(4, "depends_on: [{container: migrate, condition: SUCCESS}]")
    w.add(4, "health_check:")
    w.add(5, f'command: ["CMD-SHELL", "wget -q -O- localhost:{port}/health || exit 1"]')
    w.add(5, f"interval: {rng.choice([5, 10, 30])}")
    w.add(5, "timeout: 5")
    w.add(5, "retries: 3")
    w.add(5, "start_period: 0")
    if sidecar:
        w.add(3, "- name: log-router")
        w.add(4, 'image: "registry.local/fluent-bit:2.2"')
        w.add(4, "essential: false")
        w.add(4, "ports:")
        if fargate:
            w.add(5, "- {container: 2020, protocol: tcp}")
        else:
            w.add(5, "- {container: 2020, host: 0, protocol: tcp}")
        w.add(4, f"cpu: {cpu // 8}")
        w.add(4, f"memory: {memory // 4}")
    if migrate:
        w.add(3, "- name: migrate")
        w.add(4, f'image: "registry.local/{image}-migrate:${{var.image_tag}}"')
        w.add(4, "essential: false")
        w.add(4, 'command: ["/bin/migrate", "up"]')
        w.add(4, f"cpu: {cpu // 8}")
        w.add(4, f"memory: {memory // 4}")
    w.add(2, f"tags: {{app: {key}}}")
    return image, port, cpu, memory


def write_service(w, app, listener_port, main, port, rng):
    key = app["key"]
    cluster = app["cluster"]
    fargate = cluster["capacity"] == "fargate"
    w.add(1, f"{key}:")
    w.add(2, f"name: {key}")
    w.add(2, f"cluster: ${{cluster.{cluster['key']}.name}}")
    w.add(2, f'task_definition: "${{task_definition.{key}.arn}}"')
    desired = rng.choice(["${var.replicas}", "1", "2", "3"])
    w.add(2, f"desired_count: {desired}")
    w.add(2, f"launch_type: {'fargate' if fargate else 'ec2'}")
    w.add(2, "scheduling_strategy: replica")
    w.add(2, "deployment:")
    w.add(3, f"minimum_healthy_percent: {rng.choice([50, 100])}")
    w.add(3, "maximum_percent: 200")
    w.add(3, f"circuit_breaker: {{enable: true, rollback: {rng.choice(['true', 'false'])}}}")
    if not fargate:
        w.add(2, "placement:")
        w.add(3, "strategy:")
        w.add(4, '- {type: spread, field: "attribute:zone"}')
        w.add(4, f"- {{type: binpack, field: {rng.choice(['cpu', 'memory'])}}}")
        if rng.random() < 0.3:
            w.add(3, "constraints:")
            w.add(4, "- {type: distinctInstance}")
    if listener_port is not None:
        w.add(2, f"load_balancer: {{container: {main}, container_port: {port}, listener_port: {listener_port}}}")
    w.add(2, f"wait_for_steady_state: {rng.choice(['true', 'false'])}")
    w.add(2, f"tags: {{team: {app['team']}}}")
    if rng.random() < 0.1:
        w.add(2, "lifecycle:")
        w.add(3, "ignore_changes: [desired_count]")
    return 2 if desired.startswith("$") else int(desired)  # var.replicas defaults to 2


def generate(out_dir, n, files, seed):
    rng = random.Random(seed)
    clusters, apps, extra = plan_resources(n, rng)
    files = max(1, min(files, n))
    writers = {section: [Writer() for _ in range(files)] for section in
               ["clusters", "task_roles", "task_definitions", "services", "outputs"]}

    listener = 20000
    for i, app in enumerate(apps):
        f = i % files
        key = app["key"]
        write_role(writers["task_roles"][f], key, app["team"], rng)
        main, port, cpu, memory = write_task_definition(writers["task_definitions"][f], key, key,
                                                        app["cluster"]["capacity"] == "fargate", rng)
        lb = None
        if rng.random() < 0.6 and listener < 65000:
            lb = listener
            listener += 1
        count = write_service(writers["services"][f], app, lb, main, port, rng)
        app["cluster"]["cpu"] += cpu * count
        app["cluster"]["memory"] += memory * count
        if i % 10 == 0:
            out = writers["outputs"][f]
            out.add(1, f"{key}_service: {{value: \"${{service.{key}.name}}\", description: Name of {key}}}")
            out.add(1, f"{key}_revision: {{value: \"${{task_definition.{key}.revision}}\"}}")
            if lb is not None:
                out.add(1, f"{key}_url: {{value: \"http://127.0.0.1:${{service.{key}.load_balancer.listener_port}}\"}}")

    for i, c in enumerate(clusters):
        write_cluster(writers["clusters"][i % files], c, rng)

    # Leftovers that don't make a full app: standalone fargate task definitions without a role.
    for j in range(extra):
        write_task_definition(writers["task_definitions"][j % files], f"extra{j}", None, True, rng)

    writers["outputs"][0].add(1, 'db_hint: {value: "${var.db_password}", sensitive: true, description: Sensitive outputs must say so}')

    os.makedirs(out_dir, exist_ok=True)
    for f in range(files):
        w = Writer()
        w.add(0, "# yaml-language-server: $schema=../../schemas/stack.schema.json")
        w.add(0, f"# Generated by scripts/gen_stack.py --resources {n} --files {files} --seed {seed}; file {f + 1} of {files}.")
        if f == 0:
            w.add(0, "stack: bench")
            w.add(0, "variables:")
            w.add(1, 'image_tag: {type: string, default: "1.4.0", description: Tag of every image}')
            w.add(1, "replicas: {type: number, default: 2}")
            w.add(1, "debug: {type: bool, default: false}")
            w.add(1, "zones: {type: list, default: [a, b, c]}")
            w.add(1, "labels: {type: map, default: {team: bench}}")
            w.add(1, 'db_password: {type: string, sensitive: true, default: "bench-only-not-a-secret"}')
        for section, ws in writers.items():
            if ws[f].lines:
                w.add(0, f"{section}:")
                w.lines.extend(ws[f].lines)
        path = os.path.join(out_dir, f"stack-{f:03d}.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(w.text())
    return len(clusters) + 3 * len(apps) + extra


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out_dir")
    p.add_argument("--resources", type=int, required=True, help="number of resources N")
    p.add_argument("--files", type=int, default=1, help="split over K files (default 1)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    args = p.parse_args(argv)
    total = generate(args.out_dir, args.resources, args.files, args.seed)
    print(f"wrote {total} resources in {max(1, min(args.files, args.resources))} files to {args.out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
