import Foundation
import Yams

/// The keys a configuration file holds, checked against the keys Reveille reads: a key nobody
/// reads is a misspelling (`pbx.requestTimeOut`) whose default would otherwise silently stay in
/// force, so start-up stops naming it.
enum ConfigurationKeys {
    /// The dotted keys of the YAML file at `path` that are not in `known`. A key whose value is a
    /// list or a scalar is a leaf; an empty section (`webhook:` with only comments) is fine when
    /// some known key lies under it.
    static func unknown(inYAMLFile path: String, known: Set<String>) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let root = try Yams.load(yaml: text) else { return [] }
        var leaves: [String] = []
        collect(root, prefix: "", into: &leaves)
        return leaves.filter { key in
            !known.contains(key) && !known.contains(where: { $0.hasPrefix(key + ".") })
        }.sorted()
    }

    private static func collect(_ node: Any, prefix: String, into leaves: inout [String]) {
        guard let map = node as? [AnyHashable: Any] else {
            if !prefix.isEmpty { leaves.append(prefix) }
            return
        }
        if map.isEmpty, !prefix.isEmpty { leaves.append(prefix) }
        for (key, value) in map {
            let name = prefix.isEmpty ? "\(key)" : "\(prefix).\(key)"
            collect(value, prefix: name, into: &leaves)
        }
    }
}
