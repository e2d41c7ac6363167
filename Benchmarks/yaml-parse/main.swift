// yaml-parse: the YAML layer alone, for `make bench` (scripts/bench.py, section "yaml").
//
// Parses each file named on the command line with YAMLParser into a Node tree and keeps
// every tree until the end, as a loader that merges a stack directory would; prints the
// node count. bench.py builds it in a throwaway package under .build/bench that links
// Sources/YAML and Sources/CYAML, so the root Package.swift needs no benchmark target.
import YAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func count(_ node: Node) -> Int {
    switch node {
    case .scalar: return 1
    case .sequence(let items, _): return items.reduce(1) { $0 + count($1) }
    case .mapping(let pairs, _): return pairs.reduce(1) { $0 + count($1.key) + count($1.value) }
    }
}

var trees: [Node] = []
var nodes = 0
var failed = false
for path in CommandLine.arguments.dropFirst() {
    do {
        if let root = try YAMLParser.parse(contentsOf: path) {
            nodes += count(root)
            trees.append(root)
        }
    } catch {
        print("error: \(error)")
        failed = true
    }
}
print("\(nodes) nodes in \(trees.count) files")
if failed { exit(1) }
