import Foundation
import GRDB

/// A database file that Reveille refuses to start on: starting would lose the hotel's data
/// silently (an empty file read as an empty hotel) or fail with SQLite's words alone. Names the
/// file and the way out (`reveille restore`). Code: `databaseUnusable`.
public struct StoreOpenError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The database file.
    public var path: String
    /// What is wrong with it.
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        "the database \(path) \(problem). Nothing was changed. Restore the last backup with "
            + "`reveille restore <backup file>` (the file is kept beside it), or move the file away to start with an empty hotel"
    }
}

extension Store {
    /// How a database file looks before it is opened.
    public enum FileState: Hashable, Sendable {
        /// No file: the first start creates it.
        case missing
        /// A file with content (SQLite says whether it is a database).
        case present
    }

    /// Checks `path` before opening: a missing file is `missing` (created on open); a zero-byte
    /// file is refused (SQLite would read it as an empty hotel).
    static func fileState(_ path: String) throws(StoreOpenError) -> FileState {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return .missing }
        if let size = (attributes[.size] as? NSNumber)?.intValue, size == 0,
            !FileManager.default.fileExists(atPath: path + "-wal")
        {
            throw StoreOpenError(path: path, problem: "is empty (0 bytes): it holds no hotel")
        }
        return .present
    }

    /// The refusal for an error SQLite gave opening an existing file, or `nil` when the error is
    /// not about the file's content (busy, permissions: the error itself says it).
    static func unusable(_ error: any Error, path: String) -> StoreOpenError? {
        guard let error = error as? DatabaseError,
            error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
        else { return nil }
        return StoreOpenError(path: path, problem: "is not a readable SQLite database (\(error.message ?? "\(error.resultCode)"))")
    }
}
