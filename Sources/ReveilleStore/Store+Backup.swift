import Foundation
import GRDB

extension Store {
    /// Copies the whole database to a new SQLite file at `destination` with SQLite's online backup
    /// (consistent, safe while the service reads and writes). Refuses to overwrite a file.
    public func backup(to destination: String) throws {
        try Self.backup(database, to: destination)
    }

    /// Backs up the database at `path` (e.g. of a running service) without migrating it.
    public static func backup(databaseAt path: String, to destination: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw BackupError("no database at \(path)") }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        try backup(try DatabasePool(path: path, configuration: configuration), to: destination)
    }

    static func backup(_ source: DatabasePool, to destination: String) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw BackupError("\(destination) exists; a backup never overwrites a file")
        }
        let target = try DatabaseQueue(path: destination)
        try source.backup(to: target)
    }

    /// Puts the backup at `source` in place of the database at `path` (the service must be
    /// stopped). The database it replaces is kept beside it as `…replaced-<time>`. Returns that name.
    @discardableResult
    public static func restore(backup source: String, to path: String, at now: Date = Date()) throws -> String? {
        // The backup must be a Reveille database that opens.
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: source, configuration: configuration)
            guard try queue.read({ try $0.tableExists("grdb_migrations") }) else {
                throw BackupError("\(source) is not a Reveille database")
            }
        }
        let manager = FileManager.default
        var kept: String?
        if manager.fileExists(atPath: path) {
            let replaced = path + ".replaced-\(Int(now.timeIntervalSince1970))"
            do {
                try Self.backup(databaseAt: path, to: replaced)
            } catch {
                // An empty or corrupt database (the service refused to start on it) cannot be
                // backed up through SQLite: its bytes are kept as they are.
                try? manager.removeItem(atPath: replaced)
                try manager.copyItem(atPath: path, toPath: replaced)
            }
            kept = replaced
            for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: path + suffix) {
                try manager.removeItem(atPath: path + suffix)
            }
        }
        try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try manager.copyItem(atPath: source, toPath: path)
        return kept
    }
}

/// A backup or restore that cannot be done, with why.
public struct BackupError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
