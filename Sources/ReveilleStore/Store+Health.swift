import Foundation
import GRDB
import ReveilleCore

/// What `reveille check` reads of a database, without migrating or changing it.
public struct DatabaseHealth: Sendable {
    /// `PRAGMA quick_check`: `["ok"]` when sound, else SQLite's findings.
    public var integrity: [String]
    /// The migrations applied, in the order they were registered.
    public var applied: [String]
    /// Migrations this release has that the database lacks (they run, after a backup, at the next start).
    public var pending: [String]
    /// Migrations the database has that this release does not know (a newer release wrote it).
    public var unknown: [String]
    /// What the PBX acknowledged, by extension (empty when it cannot be read).
    public var acknowledged: [String: AcknowledgedExtension]

    public var isSound: Bool { integrity == ["ok"] && unknown.isEmpty }
}

extension Store {
    /// Reads the database at `path` read-only (safe while the service runs): its integrity, its
    /// schema against this release's migrations, and the acknowledged state.
    public static func health(databaseAt path: String) throws -> DatabaseHealth {
        guard FileManager.default.fileExists(atPath: path) else { throw BackupError("no database at \(path)") }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let pool = try DatabasePool(path: path, configuration: configuration)
        return try pool.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA quick_check")
            let migrator = Migrations.migrator
            let known = migrator.migrations
            let applied = try db.tableExists("grdb_migrations") ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
            let appliedSet = Set(applied)
            let acknowledged = (try? AcknowledgedRecord.fetchAll(db)).map { Dictionary($0.map { ($0.phone, $0.value) }, uniquingKeysWith: { first, _ in first }) } ?? [:]
            return DatabaseHealth(
                integrity: integrity, applied: known.filter(appliedSet.contains), pending: known.filter { !appliedSet.contains($0) },
                unknown: applied.filter { !known.contains($0) }, acknowledged: acknowledged)
        }
    }
}
