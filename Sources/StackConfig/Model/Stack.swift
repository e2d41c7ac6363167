/// A loaded, validated stack: everything the engine needs from the user's files.
public struct Stack: Sendable {
    public var name: String
    /// The directory as given on the command line.
    public var directory: String
    /// The stack files read, as paths relative to the working directory, sorted.
    public var files: [String]
    /// Resolved variable values (sensitive ones wrapped in `.sensitive`).
    public var variables: [String: Value]
    /// Resources sorted by address.
    public var resources: [ResourceConfig]
    public var outputs: [OutputConfig]
    public var graph: DependencyGraph
    private var index: [ResourceAddress: Int]
    /// What the loader was asked to keep alive with the stack (`StackLoader.keepsSourceTrees`).
    var keptAlive: (any AnyObject & Sendable)?

    public init(name: String, directory: String, files: [String], variables: [String: Value],
                resources: consuming [ResourceConfig], outputs: [OutputConfig], graph: DependencyGraph) {
        self.name = name
        self.directory = directory
        self.files = files
        self.variables = variables
        // Sorted in place: the array handed in is usually the caller's last use of it.
        self.resources = consume resources
        self.resources.sort { $0.address < $1.address }
        self.outputs = outputs.sorted { $0.name < $1.name }
        self.graph = graph
        var index: [ResourceAddress: Int] = [:]
        index.reserveCapacity(self.resources.count)
        for i in self.resources.indices where index[self.resources[i].address] == nil {
            index[self.resources[i].address] = i
        }
        self.index = index
    }

    public subscript(address: ResourceAddress) -> ResourceConfig? {
        index[address].map { resources[$0] }
    }
}
