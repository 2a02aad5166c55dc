import Foundation

/// How old the PMS's occupancy export is, and when that is too old.
public struct ExportFreshness: Sendable {
    public var staleAfter: TimeInterval
    /// Seconds since the export was last written, `nil` when there is no file.
    public var age: @Sendable () -> Double?

    public init(staleAfter: TimeInterval, age: @escaping @Sendable () -> Double?) {
        self.staleAfter = staleAfter
        self.age = age
    }

    /// The export at `path`: its age is the time since the file was last written.
    public init(path: String, staleAfter: TimeInterval) {
        self.init(staleAfter: staleAfter) { Self.age(of: path) }
    }

    /// Missing, or older than ``staleAfter``.
    public func isStale() -> Bool { age().map { $0 > staleAfter } ?? true }

    /// Seconds since the file was last written, `nil` if it is not there.
    static func age(of path: String) -> Double? {
        guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
        return max(0, Date().timeIntervalSince(modified))
    }
}
