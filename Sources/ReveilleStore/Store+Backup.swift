import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

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

    /// Writes the backup into a new file readable by its owner only (0600: it holds guests' names),
    /// creating its folder; the file is created exclusively, so an existing one is never overwritten.
    static func backup(_ source: DatabasePool, to destination: String) throws {
        let folder = (destination as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            } catch {
                throw BackupError("cannot create the backup folder \(folder): \(error.localizedDescription)")
            }
        }
        let descriptor = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { throw BackupError("\(destination) exists; a backup never overwrites a file") }
            throw BackupError("cannot create \(destination): \(String(cString: strerror(code)))")
        }
        // The umask may have narrowed the mode further, never widened it; say 0600 exactly.
        _ = fchmod(descriptor, 0o600)
        close(descriptor)
        do {
            let target = try DatabaseQueue(path: destination)
            try source.backup(to: target)
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            throw error
        }
    }

    /// A time for file names that people read: `2026-12-07T045227Z` (UTC: the name sorts and never repeats an hour at DST).
    static func fileStamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 0) + "-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour))\(two(parts.minute))\(two(parts.second))Z"
    }

    /// `base` + `-stamp` + `suffix`, with `-2`, `-3`, … when a file of that name exists already.
    static func freshName(_ base: String, at date: Date, suffix: String = "") -> String {
        let stamped = base + "-" + fileStamp(date)
        var name = stamped + suffix
        var number = 2
        while FileManager.default.fileExists(atPath: name) {
            name = stamped + "-\(number)" + suffix
            number += 1
        }
        return name
    }

    /// Puts the backup at `source` in place of the database at `path`. The database it replaces is
    /// kept beside it as `….replaced-2026-12-07T045227Z` (UTC), 0600. Returns that name.
    /// - Throws: ``ServiceLock/Held`` while a service runs on the database (it holds its
    ///   ``ServiceLock``): what a restore under it wrote would be lost at its next restart.
    @discardableResult
    public static func restore(backup source: String, to path: String, at now: Date = Date()) throws -> String? {
        let lock = try ServiceLock(database: path)
        defer { lock.release() }
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
            let replaced = freshName(path + ".replaced", at: now)
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
        _ = chmod(path, 0o600)
        return kept
    }
}

/// A backup or restore that cannot be done, with why.
public struct BackupError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
