import Foundation
@testable import StackConfig

/// Writes stack files into a fresh temporary directory and loads them.
struct TempStack {
    let directory: String

    init(_ files: [String: String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stackconfig-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        directory = dir.path
    }

    func path(_ name: String) -> String { directory + "/" + name }

    func load(_ inputs: VariableInputs = VariableInputs()) -> (Stack?, Diagnostics) {
        StackLoader().load(directory: directory, variables: inputs)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

/// Loads one `main.yaml` and returns the stack and diagnostics.
func load(_ main: String, _ inputs: VariableInputs = VariableInputs()) throws -> (Stack?, Diagnostics) {
    let stack = try TempStack(["main.yaml": main])
    defer { stack.remove() }
    return stack.load(inputs)
}

/// The errors, as "LINE:COLUMN message" (file left out), sorted.
func errors(_ d: Diagnostics) -> [String] {
    d.sorted.filter { $0.severity == .error }.map { e in
        e.subject.map { "\($0.line):\($0.column) \(e.message)" } ?? e.message
    }
}

/// A minimal valid Fargate stack to build cases on.
let baseStack = """
clusters:
  main: {}
task_definitions:
  web:
    cpu: 256
    memory: 512
    containers:
      - name: web
        image: nginx:1.27
services:
  web:
    cluster: ${cluster.main.name}
    task_definition: ${task_definition.web.arn}

"""
