import Dispatch
import YAML

/// One run of the loader over one directory: the state that accumulates while reading.
struct LoadRun {
    let directory: String
    let limits: Limits
    var diagnostics = Diagnostics()
    var sources = SourceFiles()
    var files: [String] = []
    /// See `StackLoader.keepsSourceTrees`.
    var keepsSourceTrees = false

    /// A `NAME: {...}` entry of a section, with where it was written.
    struct Declaration {
        var name: String
        var key: Node.Scalar
        var value: Node
        var range: SourceRange { SourceRange(key.mark) }
    }

    /// Section name → entries in file order, then source order.
    var sections: [String: [Declaration]] = [:]
    /// Section name → entry name → where it was first defined.
    var firstPlaces: [String: [String: Mark]] = [:]
    var stackName: (name: String, range: SourceRange)?

    init(directory: String, limits: Limits) {
        self.directory = directory
        self.limits = limits
    }

    mutating func load(_ inputs: VariableInputs) -> Stack? {
        guard readFiles() else { return nil }
        let (values, declared) = resolveVariables(inputs)
        var resources: [DecodedResource]
        let outputs: [DecodedOutput]
        do {
            var decoder = NodeDecoder(variables: values, declaredVariables: declared, sources: sources)
            resources = decodeResources(&decoder)
            outputs = decodeOutputs(&decoder)
            diagnostics.append(contentsOf: decoder.diagnostics)
        }
        // The file bytes served only to place `${` exactly; free them before the next stages.
        sources = SourceFiles()

        var index: [ResourceAddress: Int] = [:]
        index.reserveCapacity(resources.count)
        for i in resources.indices where index[resources[i].config.address] == nil {
            index[resources[i].config.address] = i
        }
        checkReferences(&resources, index: index)
        var views: [ResourceView] = []
        views.reserveCapacity(resources.count)
        for i in resources.indices where resources[i].isComplete {
            // Moved, not copied: nothing after the rules needs a resource's places.
            guard let places = resources[i].places.take() else { continue }
            views.append(ResourceView(config: resources[i].config, places: places))
            LifecycleRules.check(resources[i].type, resources[i].ignoreChanges, diagnostics: &diagnostics)
        }
        // The dependency graph is one thread's work: build it beside the (parallel) rules, so
        // it fills the cores they leave idle instead of running alone afterwards. Its
        // diagnostics are reported after the outputs', as when it ran last.
        let built = SideBySide()
        do {
            let decoded = resources
            Validator.validate(views, alongside: { built.setGraph(Self.buildGraph(decoded)) }, diagnostics: &diagnostics)
        }
        // Nothing below needs the YAML trees. Freeing hundreds of thousands of nodes is real
        // work: hand it to another thread, to overlap with the rest of the load.
        let retired = Retired(sections: sections, views: views)
        views = []
        sections = [:]
        for i in resources.indices { resources[i].places = nil }
        if !keepsSourceTrees {
            DispatchQueue.global(qos: .utility).async { retired.release() }
        }

        checkOutputs(outputs, resources: resources, index: index)
        let graph = built.graph
        diagnostics.append(contentsOf: built.graphDiagnostics)

        let name = stackName?.name ?? Self.defaultStackName(directory)
        // Move the configs out (a copy would retain each of their fields), then free the rest
        // of the decoded resources (references, places) off this thread.
        var configs: [ResourceConfig] = []
        configs.reserveCapacity(resources.count)
        for i in resources.indices {
            var config = ResourceConfig.placeholder
            swap(&config, &resources[i].config)
            configs.append(config)
        }
        let rest = RetiredResources(resources)
        resources = []
        DispatchQueue.global(qos: .utility).async { rest.release() }
        var stack = Stack(name: name, directory: directory, files: files, variables: values,
                          resources: consume configs, outputs: outputs.map(\.config), graph: graph)
        if keepsSourceTrees { stack.keptAlive = retired }
        return stack
    }

    /// The YAML trees a load no longer needs, released off the loader's thread.
    private final class Retired: @unchecked Sendable {
        // Written once at init, then only dropped by `release`, on one thread.
        private var sections: [String: [Declaration]]
        private var views: [ResourceView]

        init(sections: [String: [Declaration]], views: [ResourceView]) {
            self.sections = sections
            self.views = views
        }

        func release() {
            sections = [:]
            views = []
        }
    }

    /// What the graph job produces on a worker of the rules' pass, read once the pass returns.
    private final class SideBySide: @unchecked Sendable {
        // Written once by one worker; the pass's join orders that write with the reads.
        private(set) var graph = DependencyGraph(nodes: [], dependencies: [:])
        private(set) var graphDiagnostics = Diagnostics()

        func setGraph(_ result: (DependencyGraph, Diagnostics)) { (graph, graphDiagnostics) = result }
    }

    /// Decoded resources whose configs were moved out, released off the loader's thread.
    private final class RetiredResources: @unchecked Sendable {
        // Written once at init, then only dropped by `release`, on one thread.
        private var resources: [DecodedResource]

        init(_ resources: [DecodedResource]) { self.resources = resources }

        func release() { resources = [] }
    }

    /// The directory's own name: `stacks/shop/` → `shop`; `.` → the working directory's name.
    static func defaultStackName(_ directory: String) -> String {
        var path = directory
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if path == "." || path.isEmpty || path.hasSuffix("/.") || path == ".." || path.hasSuffix("/..") {
            path = FileSystem.absolutePath(path)
        }
        return path.split(separator: "/").last.map(String.init) ?? "stack"
    }
}
