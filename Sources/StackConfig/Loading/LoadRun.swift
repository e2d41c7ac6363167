import YAML

/// One run of the loader over one directory: the state that accumulates while reading.
struct LoadRun {
    let directory: String
    let limits: Limits
    var diagnostics = Diagnostics()
    var sources = SourceFiles()
    var files: [String] = []

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
    var firstPlaces: [String: [String: SourceRange]] = [:]
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

        let index = Dictionary(resources.enumerated().map { ($1.config.address, $0) }, uniquingKeysWith: { a, _ in a })
        checkReferences(&resources, index: index)
        var views: [ResourceView] = []
        views.reserveCapacity(resources.count)
        for r in resources where r.isComplete {
            guard let places = r.places else { continue }
            views.append(ResourceView(config: r.config, places: places))
            LifecycleRules.check(r.type, r.ignoreChanges, diagnostics: &diagnostics)
        }
        Validator.validate(views, diagnostics: &diagnostics)
        // Nothing below needs the YAML trees: let them go before the graph and the Stack are built.
        views = []
        for i in resources.indices { resources[i].places = nil }
        sections = [:]
        checkOutputs(outputs, resources: resources, index: index)
        let graph = buildGraph(resources)

        let name = stackName?.name ?? Self.defaultStackName(directory)
        return Stack(name: name, directory: directory, files: files, variables: values,
                     resources: resources.map(\.config), outputs: outputs.map(\.config), graph: graph)
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
