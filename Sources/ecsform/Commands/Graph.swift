import ArgumentParser
import Engine

extension Ecsform {
    /// `ecsform graph [DIR]`: the dependency graph in Graphviz DOT.
    struct GraphCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "graph", abstract: "Print the dependency graph in Graphviz DOT (dot -Tsvg).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The stack directory (default: the current directory).") var dir: String?

        func run() async throws {
            try await Report.run {
                let stack = try CommandContext(global: global, directory: dir).stack()
                Console.shared.write(GraphDOT.render(stack))
            }
        }
    }
}
