import Foundation
import Testing

/// The human plan reads as Terraform's: nested blocks and lists with a marker on every line,
/// keys aligned per block, unchanged siblings of an update hidden behind a count.
@Suite(.enabled(if: StackTests.binaryBuilt, "build ecsform first (swift build)"))
struct PlanOutputTests {
    /// The lines of the planned change to `address` (from its `#` header to its closing
    /// brace), not those of its drift report.
    private func block(_ address: String, in text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        let headers = ["  # \(address) will ", "  # \(address) must "]
        guard let start = lines.firstIndex(where: { l in headers.contains { l.hasPrefix($0) } }) else { return [] }
        guard let end = lines[start...].firstIndex(of: "    }") else { return [] }
        return Array(lines[start...end])
    }

    @Test func aCreateShowsNestedListsAndObjects() throws {
        let w = try StackWorkspace()
        defer { w.cleanUp() }
        let plan = try w.expect(0, "plan", "{stack}")
        #expect(!plan.stdout.contains("policies.0"), "\(plan)")
        #expect(block("task_role.worker", in: plan.stdout) == [
            "  # task_role.worker will be created",
            "  + task_role.worker {",
            "      + arn                 = (known after apply)",
            "      + description         = \"Lets the workers read and delete queue messages\"",
            "      + id                  = (known after apply)",
            "      + max_session_seconds = 3600",
            "      + name                = \"worker\"",
            "      + policies            = [",
            "          + {",
            "              + actions   = [",
            "                  + \"sqs:ReceiveMessage\",",
            "                  + \"sqs:DeleteMessage\",",
            "                ]",
            "              + effect    = \"allow\"",
            "              + resources = [",
            "                  + \"arn:aws:sqs:local:000000000000:orders\",",
            "                ]",
            "            },",
            "        ]",
            "      + tags                = {}",
            "    }",
        ], "\(plan)")
        let worker = block("task_definition.worker", in: plan.stdout)
        #expect(worker.contains("                  + DB_PASSWORD = (sensitive)"), "\(plan)")
        #expect(worker.contains("      + compatibilities = [\"ec2\"]"), "\(plan)")
        #expect(!plan.stdout.contains("demo-only-password"))
    }

    @Test func aReplacementMarksTheForcingAttributeAndHidesTheRest() throws {
        let w = try StackWorkspace()
        defer { w.cleanUp() }
        try w.expect(0, "apply", "{stack}", "--auto-approve")
        let id = try #require(try w.stateIDs()["task_definition.web"])
        let plan = try w.expect(0, "plan", "{stack}", "--var", "image_tag=2.0")
        #expect(block("task_definition.web", in: plan.stdout) == [
            "  # task_definition.web must be replaced (new revision created first, the old one destroyed after)",
            "+/- task_definition.web (id=\(id)) {",
            "      ~ arn        = \"\(id)\" -> (known after apply)",
            "      ~ containers = [ # forces replacement",
            "          ~ {",
            "              ~ image = \"registry.local/shop/web:1.4.0\" -> \"registry.local/shop/web:2.0\"",
            "                # (11 unchanged attributes hidden)",
            "            },",
            "        ]",
            "      ~ id         = \"\(id)\" -> (known after apply)",
            "      ~ revision   = 1 -> (known after apply)",
            "        # (6 unchanged attributes hidden)",
            "    }",
        ], "\(plan)")
        let service = block("service.web", in: plan.stdout)
        #expect(service.first == "  # service.web will be updated in-place", "\(plan)")
        #expect(service.contains("      ~ task_definition = \"\(id)\" -> (known after apply)"), "\(plan)")
        #expect(service.contains("        # (12 unchanged attributes hidden)"), "\(plan)")
    }

    @Test func anUpdateShowsOnlyWhatChangesInListsAndMaps() throws {
        let w = try StackWorkspace()
        defer { w.cleanUp() }
        try w.expect(0, "apply", "{stack}", "--auto-approve")
        _ = try w.api("ecs", "update-service", "--cluster", "front", "--service", "web", "--desired-count", "5")
        try w.editStack {
            $0.replacingOccurrences(of: "actions: [\"sqs:ReceiveMessage\", \"sqs:DeleteMessage\"]",
                                    with: "actions: [\"sqs:ReceiveMessage\", \"sqs:DeleteMessage\", \"sqs:ChangeMessageVisibility\"]")
              .replacingOccurrences(of: "capacity: fargate     # the default; each task gets its own CPU and memory\n    settings: {container_insights: true}\n    tags: {team: shop}",
                                    with: "capacity: fargate\n    settings: {container_insights: true}\n    tags: {team: shop, env: prod}")
        }
        let plan = try w.expect(0, "plan", "{stack}")
        let service = block("service.web", in: plan.stdout)
        #expect(service.contains("      ~ desired_count = 5 -> 2"), "\(plan)")
        #expect(service.contains("        # (12 unchanged attributes hidden)"), "\(plan)")
        #expect(Array(block("task_role.worker", in: plan.stdout).dropFirst(2)) == [
            "      ~ policies = [",
            "          ~ {",
            "              ~ actions = [",
            "                    # (2 unchanged elements hidden)",
            "                  + \"sqs:ChangeMessageVisibility\",",
            "                ]",
            "                # (2 unchanged attributes hidden)",
            "            },",
            "        ]",
            "        # (6 unchanged attributes hidden)",
            "    }",
        ], "\(plan)")
        #expect(Array(block("cluster.front", in: plan.stdout).dropFirst(2)) == [
            "      ~ tags = {",
            "          + env = \"prod\"",
            "            # (1 unchanged attribute hidden)",
            "        }",
            "        # (5 unchanged attributes hidden)",
            "    }",
        ], "\(plan)")
        // The machine form still parses (its shape is cli.md's, untouched by the human layout).
        let json = try #require(try w.expect(0, "plan", "{stack}", "--json").json)
        #expect(json["changes"] is [[String: Any]])
    }
}
