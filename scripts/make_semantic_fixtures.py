#!/usr/bin/env python3
"""Writes the semantic malformed-stack fixtures, Tests/Fixtures/invalid/1NN-*/.

Each case is a stack directory plus `expected`. Error lines are taken from `# <- error` markers
in the files, or given explicitly where a comment cannot mark them (binary files, syntax
errors). Re-run after editing; it rewrites only cases 100 and up.
"""
from pathlib import Path
import shutil

ROOT = Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "invalid"

BASE_TD = """task_definitions:
  web:
    cpu: 256
    memory: 512
    containers:
      - name: web
        image: nginx:1.27
"""
BASE_SVC = """services:
  web:
    cluster: ${cluster.main.name}
    task_definition: ${task_definition.web.arn}
"""
BASE = "clusters:\n  main: {}\n" + BASE_TD + BASE_SVC

CASES = []

def case(name, files, schema_invalid=False, errors=None):
    CASES.append((name, files, schema_invalid, errors))

# --- YAML layer -------------------------------------------------------------------------
case("100-yaml-unclosed-flow-mapping", {"main.yaml":
    "clusters:\n  main: {}\nservices:\n  web: {cluster: main, task_definition: x\n"}, True, [("main.yaml", 5)])
case("101-tab-indentation", {"main.yaml":
    "clusters:\n  main:\n\tcapacity: ec2\n"}, True, [("main.yaml", 3)])
case("102-invalid-utf8", {"main.yaml":
    b"clusters:\n  main:\n    tags: {team: caf\xe9}\n"}, True, [("main.yaml", 3)])
case("103-nul-byte", {"main.yaml":
    b"clusters:\n  main:\n    name: ma\x00in\n"}, True, [("main.yaml", 3)])
case("104-binary-file", {"main.yaml":
    bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0xFE])}, True, [("main.yaml", 1)])
case("105-empty-file", {"main.yaml": "", "other.yaml": BASE}, False, [("main.yaml", 1)])
case("106-second-document", {"main.yaml": BASE + "---\nclusters:\n  other: {}\n"}, True, [("main.yaml", 14)])
case("107-duplicate-container-key", {"main.yaml": """task_definitions:
  web:
    cpu: 256
    memory: 512
    containers:
      - name: web
        image: nginx:1.27
        image: nginx:1.26  # <- error: duplicate key
"""}, True)
case("108-alias-bomb", {"main.yaml": "x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"x{i}: &a{i} [{', '.join(['*a%d' % (i - 1)] * 10)}]\n" for i in range(1, 9)) + "clusters:\n  main: {}\n"},
    True, [("main.yaml", 5)])
case("109-deep-nesting", {"main.yaml": "clusters:\n  main:\n    tags: " + "[" * 10000 + "]" * 10000 + "\n"}, True, [("main.yaml", 3)])

# --- merging ----------------------------------------------------------------------------
case("110-service-defined-in-two-files", {"main.yaml": BASE, "more.yaml": """services:
  web:  # <- error: also in main.yaml
    cluster: ${cluster.main.name}
    task_definition: ${task_definition.web.arn}
"""})
case("111-stack-name-set-twice", {"a.yaml": "stack: shop\n" + BASE, "b.yaml": "stack: shop  # <- error: also in a.yaml\n"})
case("112-variable-declared-in-two-files", {"a.yaml": "variables:\n  tag: {type: string, default: a}\n" + BASE,
    "b.yaml": "variables:\n  tag: {type: string, default: b}  # <- error: also in a.yaml\n"})

# --- references and the graph -----------------------------------------------------------
case("113-cycle-between-services", {"main.yaml": "clusters:\n  main: {}\n" + BASE_TD + """services:
  a:
    cluster: ${cluster.main.name}
    task_definition: ${task_definition.web.arn}
    tags: {peer: "${service.b.name}"}  # <- error: a -> b -> a
  b:
    cluster: ${cluster.main.name}
    task_definition: ${task_definition.web.arn}
    tags: {peer: "${service.a.name}"}
"""})
case("114-self-reference", {"main.yaml": "clusters:\n  main: {}\n" + BASE_TD + """services:
  web:
    cluster: ${cluster.main.name}
    task_definition: ${task_definition.web.arn}
    tags: {me: "${service.web.arn}"}  # <- error: refers to itself
"""})
case("115-reference-to-missing-resource", {"main.yaml": "clusters:\n  main: {}\n" + BASE_TD + """services:
  web:
    cluster: ${cluster.mian.name}  # <- error: no cluster.mian
    task_definition: ${task_definition.web.arn}
"""})
case("116-reference-to-missing-attribute", {"main.yaml": "clusters:\n  main: {}\n" + BASE_TD + """services:
  web:
    cluster: ${cluster.main.nmae}  # <- error: clusters have no nmae
    task_definition: ${task_definition.web.arn}
"""})
case("117-reference-bad-sub-path", {"main.yaml": BASE + """outputs:
  url: {value: "http://localhost:${service.web.load_balancer.port}"}  # <- error: no load_balancer.port
"""})
case("118-unterminated-interpolation", {"main.yaml": BASE + """    tags:
      owner: "team-${var.team"  # <- error: unterminated
"""})
case("119-escaped-then-unterminated", {"main.yaml": BASE + """    tags:
      note: "literal $${not.an.expression} then ${var.x"  # <- error: the second is unterminated
"""})
case("120-unknown-variable", {"main.yaml": "variables:\n  image_tag: {type: string, default: '1'}\n" + BASE.replace(
    "image: nginx:1.27", "image: nginx:${var.imagetag}  # <- error: did you mean image_tag?")})
case("121-unknown-expression-type", {"main.yaml": BASE + """    tags:
      td: "${task_definitions.web.family}"  # <- error: task_definition, singular
"""})
case("122-empty-interpolation", {"main.yaml": BASE + """    tags:
      x: "a${}b"  # <- error: empty
"""})
case("123-computed-attribute-has-no-path", {"main.yaml": BASE + """    tags:
      role: "${cluster.main.arn.suffix}"  # <- error: arn is text
"""})
case("124-depends-on-unknown-target", {"main.yaml": BASE + """    depends_on:
      - task_role.missing  # <- error: not declared
"""})
case("125-depends-on-cycle", {"main.yaml": """clusters:
  main:
    depends_on: [service.web]  # <- error: cluster.main -> service.web -> cluster.main
""" + BASE_TD + BASE_SVC})
case("126-output-references-missing", {"main.yaml": BASE + """outputs:
  rev: {value: "${task_definition.api.revision}"}  # <- error: no task_definition.api
"""})

# --- task definitions -------------------------------------------------------------------
case("127-fargate-memory-pair", {"main.yaml": BASE.replace("memory: 512", "memory: 4096  # <- error: 256 allows 512-2048")}, True)
case("128-fargate-missing-cpu", {"main.yaml": BASE.replace("  web:\n    cpu: 256\n", "  web:  # <- error: fargate needs cpu\n", 1)}, True)
case("129-fargate-bridge-network", {"main.yaml": BASE.replace("    cpu: 256\n", "    network_mode: bridge  # <- error: fargate needs awsvpc\n    cpu: 256\n", 1)}, True)
case("130-launch-type-not-compatible", {"main.yaml": BASE.replace("    cpu: 256\n", "    compatibilities: [ec2]\n    cpu: 256\n", 1).replace(
    "task_definition: ${task_definition.web.arn}", "task_definition: ${task_definition.web.arn}\n    launch_type: fargate  # <- error: web is ec2 only")})
case("131-launch-type-default-not-compatible", {"main.yaml": BASE.replace("    cpu: 256\n", "    compatibilities: [ec2]\n    cpu: 256\n", 1).replace(
    "task_definition: ${task_definition.web.arn}", "task_definition: ${task_definition.web.arn}  # <- error: default fargate")})
case("132-container-memory-over-task", {"main.yaml": """task_definitions:
  web:
    compatibilities: [ec2]
    memory: 512  # <- error: containers need 768
    containers:
      - {name: web, image: nginx, memory: 512}
      - {name: sidecar, image: envoy, memory: 256}
"""})
case("133-no-essential-container", {"main.yaml": """task_definitions:
  web:
    compatibilities: [ec2]
    containers:  # <- error: none essential
      - {name: web, image: nginx, essential: false}
      - {name: sidecar, image: envoy, essential: false}
"""}, True)
case("134-duplicate-container-names", {"main.yaml": """task_definitions:
  web:
    compatibilities: [ec2]
    containers:
      - {name: web, image: nginx}
      - name: web  # <- error: used twice
        image: envoy
"""})
case("135-network-none-with-ports", {"main.yaml": """task_definitions:
  batch:
    compatibilities: [ec2]
    network_mode: none
    containers:
      - name: job
        image: busybox
        ports:  # <- error: no ports with network_mode none
          - {container: 8080}
"""})
case("136-awsvpc-host-port-differs", {"main.yaml": BASE.replace("image: nginx:1.27", """image: nginx:1.27
        ports:
          - {container: 80, host: 8080}  # <- error: must equal 80""")})
case("137-memory-reservation-over-memory", {"main.yaml": """task_definitions:
  web:
    compatibilities: [ec2]
    containers:
      - name: web
        image: nginx
        memory: 256
        memory_reservation: 512  # <- error: over the hard limit
"""})
case("138-container-depends-on-unknown", {"main.yaml": """task_definitions:
  web:
    compatibilities: [ec2]
    containers:
      - name: web
        image: nginx
        depends_on:
          - {container: migrat, condition: SUCCESS}  # <- error: no container migrat
      - {name: migrate, image: migrate, essential: false}
"""})

# --- services ---------------------------------------------------------------------------
case("139-load-balancer-unknown-container", {"main.yaml": BASE + """    load_balancer:
      container: wbe  # <- error: not a container of task_definition.web
      container_port: 80
      listener_port: 8080
"""})
case("140-load-balancer-port-not-mapped", {"main.yaml": BASE + """    load_balancer:
      container: web
      container_port: 8080  # <- error: web maps no ports
      listener_port: 8080
"""})
case("141-daemon-on-fargate", {"main.yaml": BASE + """    scheduling_strategy: daemon  # <- error: fargate has no instances
"""})
case("142-random-strategy-with-field", {"main.yaml": BASE + """    placement:
      strategy:
        - {type: random, field: cpu}  # <- error: random takes no field
"""}, True)
case("143-distinct-instance-with-expression", {"main.yaml": BASE + """    placement:
      constraints:
        - type: distinctInstance
          expression: "attribute:zone == a"  # <- error: takes no expression
"""}, True)
case("144-spread-bad-field", {"main.yaml": BASE + """    placement:
      strategy:
        - {type: spread, field: zone}  # <- error: instanceId, host or attribute:NAME
"""}, True)

# --- lifecycle --------------------------------------------------------------------------
case("145-ignore-changes-not-an-attribute", {"main.yaml": BASE + """    lifecycle:
      ignore_changes: [desired_cuont]  # <- error: did you mean desired_count?
"""})
case("146-ignore-changes-bad-sub-path", {"main.yaml": BASE + """    lifecycle:
      ignore_changes:
        - deployment.minimum_percent  # <- error: deployment has no minimum_percent
"""})

# --- variables and sensitivity ----------------------------------------------------------
case("147-required-variable-missing", {"main.yaml": """variables:
  db_password: {type: string, sensitive: true}  # <- error: no value given
""" + BASE})
case("148-variable-of-wrong-type-in-number-field", {"main.yaml": "variables:\n  replicas: {type: string, default: three}\n" + BASE + """    desired_count: ${var.replicas}  # <- error: text where a number is needed
"""})
case("149-sensitive-output-not-marked", {"main.yaml": "variables:\n  db_password: {type: string, sensitive: true, default: hunter2}\n" + BASE + """outputs:
  dsn: {value: "postgres://app:${var.db_password}@db"}  # <- error: needs sensitive: true
"""})
case("150-output-of-secret-not-marked", {"main.yaml": "variables:\n  db_password: {type: string, default: hunter2}\n" + BASE.replace(
    "image: nginx:1.27", "image: nginx:1.27\n        secrets: {DB_PASSWORD: \"${var.db_password}\"}") + """outputs:
  secret: {value: "${task_definition.web.containers.0.secrets.DB_PASSWORD}"}  # <- error: secrets are sensitive
"""})
case("151-quoted-number", {"main.yaml": BASE + """    desired_count: "3"  # <- error: quoted, so text
"""}, True)


def main():
    for old in ROOT.glob("1[0-9][0-9]-*"):
        shutil.rmtree(old)
    for name, files, schema_invalid, errors in CASES:
        d = ROOT / name
        d.mkdir(parents=True)
        found = []
        for fname, content in files.items():
            data = content if isinstance(content, bytes) else content.encode()
            (d / fname).write_bytes(data)
            if errors is None and isinstance(content, str):
                for i, line in enumerate(content.split("\n"), 1):
                    if "# <- error" in line:
                        found.append((fname, i))
        places = errors if errors is not None else found
        assert places, name
        lines = [f"error {f}:{n}" for f, n in places]
        lines.append("schema invalid" if schema_invalid else "# schema valid: only ecsform validate sees this")
        (d / "expected").write_text("\n".join(lines) + "\n")
    print(f"{len(CASES)} cases written")


if __name__ == "__main__":
    main()
