import Foundation
import PBXProtocol

/// `pbx.trace`: every frame in and out of the PBX link, one ``WireTraceLine`` (JSON) a line, the
/// password redacted. The file is capped: past `maximumBytes` it is renamed `…1` (the older ones
/// `…2` … `…keep`, the oldest dropped) and a new one begins. A trace that cannot be written is
/// given up (once, with `onError`); it never stops the link.
public final class WireTrace: Sendable {
    public let path: String
    public let maximumBytes: Int
    /// Rotated files kept beside the current one.
    public let keep: Int
    private let now: @Sendable () -> Date
    private let onError: @Sendable (String) -> Void
    private let state: Locked<State>

    private struct State {
        var handle: FileHandle?
        var size = 0
        var failed = false
    }

    /// - Parameters:
    ///   - maximumBytes: the size a file may reach before it is rotated (at least 4 KiB).
    ///   - onError: told once when the trace cannot be written any more (e.g. the disk is full).
    public init(
        path: String, maximumBytes: Int = 10 * 1_048_576, keep: Int = 3, now: @escaping @Sendable () -> Date = { Date() },
        onError: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.path = path
        self.maximumBytes = max(4096, maximumBytes)
        self.keep = max(1, keep)
        self.now = now
        self.onError = onError
        self.state = Locked(State())
    }

    deinit { state.withLock { try? $0.handle?.close() } }

    /// Writes `frame` going `direction`.
    public func record(_ direction: WireTraceLine.Direction, _ frame: Frame) {
        let line = Data((WireTraceLine(at: now(), direction: direction, frame: frame).encoded() + "\n").utf8)
        let problem: String? = state.withLock { state in
            guard !state.failed else { return nil }
            do {
                if state.handle == nil || state.size + line.count > maximumBytes {
                    try rotate(&state, force: state.handle != nil)
                }
                try state.handle?.write(contentsOf: line)
                state.size += line.count
                return nil
            } catch {
                state.failed = true
                try? state.handle?.close()
                state.handle = nil
                return "\(error)"
            }
        }
        if let problem { onError("PBX trace \(path) given up: \(problem)") }
    }

    /// Opens the file for appending; when it is full (or `force`), shifts it to `…1` first.
    private func rotate(_ state: inout State, force: Bool) throws {
        let manager = FileManager.default
        let current = (try? manager.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
        if force || current >= maximumBytes {
            try? state.handle?.close()
            state.handle = nil
            try? manager.removeItem(atPath: "\(path).\(keep)")
            for index in stride(from: keep - 1, through: 1, by: -1) where manager.fileExists(atPath: "\(path).\(index)") {
                try manager.moveItem(atPath: "\(path).\(index)", toPath: "\(path).\(index + 1)")
            }
            if manager.fileExists(atPath: path) { try manager.moveItem(atPath: path, toPath: "\(path).1") }
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        if !manager.fileExists(atPath: path) {
            guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        state.size = Int(try handle.seekToEnd())
        state.handle = handle
    }
}
