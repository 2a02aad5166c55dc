import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Names of files changed in one folder, from Linux inotify, delivered without blocking a thread
/// (a Dispatch read source on the inotify descriptor).
///
/// Watched: a file closed after writing, moved in (atomic rename), created, modified, deleted.
public final class DirectoryEvents: @unchecked Sendable {
    // @unchecked: the Dispatch source is only resumed here and cancelled (a thread-safe call).
    /// The names of the files that changed, in order.
    public let names: AsyncStream<String>
    private let source: any DispatchSourceRead
    private let descriptor: Int32

    /// Starts watching `directory`.
    /// - Throws: ``WatchError`` when inotify cannot watch it.
    public init(directory: String) throws {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError(path: directory, reason: "inotify_init1 failed: errno \(errno)") }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_DELETE | IN_MOVED_FROM)
        guard inotify_add_watch(descriptor, directory, mask) >= 0 else {
            let code = errno
            close(descriptor)
            throw WatchError(path: directory, reason: "cannot watch (errno \(code))")
        }
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1024))
        names = stream
        let descriptor = self.descriptor
        source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: DispatchQueue(label: "reveille.inotify"))
        source.setEventHandler {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                var offset = 0
                let header = MemoryLayout<inotify_event>.size
                while offset + header <= count {
                    let length = buffer.withUnsafeBytes { Int($0.load(fromByteOffset: offset + 12, as: UInt32.self)) }
                    let nameBytes = buffer[(offset + header)..<min(offset + header + length, count)].prefix { $0 != 0 }
                    continuation.yield(String(decoding: nameBytes, as: UTF8.self))
                    offset += header + length
                }
            }
        }
        source.setCancelHandler { close(descriptor) }
        nonisolated(unsafe) let source = self.source
        continuation.onTermination = { _ in source.cancel() }
        source.resume()
    }

    /// Stops watching; ``names`` ends.
    public func cancel() {
        source.cancel()
    }
}

/// A folder or file that cannot be watched.
public struct WatchError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
