import Foundation
import PBXProtocol
#if canImport(Glibc)
import Glibc
#endif

/// The lock `reveille serve` holds on its database for as long as it runs: an exclusive `flock` on
/// `reveille.sqlite.lock` beside it. `reveille restore` takes the same lock first, so it refuses while
/// a service runs on the database (a restore under a running service was lost at its next restart),
/// and a second service on the same data folder refuses to start. The kernel drops the lock when the
/// process ends, however it ends: a killed service never leaves a stale lock behind.
public final class ServiceLock: Sendable {
    /// The lock file (it holds the pid of the process that took it, for people; the lock is the `flock`).
    public let path: String
    /// The open lock file; -1 once released.
    private let descriptor: Locked<Int32>

    /// The lock file of the database at `database`.
    public static func path(forDatabase database: String) -> String { database + ".lock" }

    /// Takes the lock of the database at `database` without waiting.
    /// - Throws: ``ServiceLock/Held`` when another process (or another `ServiceLock` in this one)
    ///   holds it; ``BackupError`` when the lock file cannot be opened.
    public init(database: String) throws {
        let path = Self.path(forDatabase: database)
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw BackupError("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            if code == EWOULDBLOCK { throw Held(path: path, holder: holder.flatMap { Int32($0) }) }
            throw BackupError("cannot lock \(path): \(String(cString: strerror(code)))")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.path = path
        self.descriptor = Locked(descriptor)
    }

    /// Releases the lock (again: nothing).
    public func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }
    }

    deinit { release() }

    /// The database is in use by a running service (machine code `serviceRunning`).
    public struct Held: Error, CustomStringConvertible, Sendable {
        /// The lock file.
        public var path: String
        /// The pid written in the lock file, if it could be read.
        public var holder: Int32?
        /// Stable machine code.
        public var code: String { "serviceRunning" }
        public var description: String {
            "a Reveille service is running on this database (\(holder.map { "pid \($0), " } ?? "")it holds \(path)); "
                + "stop it first (systemctl stop reveille)"
        }
    }
}
