import Foundation
import Logging
import PBXProtocol

/// Reads the console software's CDR file `hd.txt` (§6.1) as it grows: each complete line once,
/// bad lines reported with their line numbers.
///
/// Where it got to (byte offset and line number) is saved in ``offsetFile`` after every read, so a
/// restart goes on where it stopped; without a saved offset the file is read from its start. A file
/// shorter than the offset was replaced or truncated: it is read again from the start. Only whole
/// lines are read; a line still being written is read once it ends.
public final class CDRFileTailer: @unchecked Sendable {
    // @unchecked: the position is touched only by `readNew()`, which its owner calls from one task at a time.
    public let path: String
    public let offsetFile: String?
    private let logger: Logger
    private var offset: UInt64 = 0
    private var reader = ConsoleCDRReader()

    public init(path: String, offsetFile: String?, logger: Logger) {
        self.path = path
        self.offsetFile = offsetFile
        self.logger = logger
        if let offsetFile, let saved = try? String(contentsOfFile: offsetFile, encoding: .utf8) {
            let parts = saved.split(separator: " ").compactMap { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if parts.count == 2, parts[1] >= 1, parts[1] < UInt64(Int.max) {
                offset = parts[0]
                reader = ConsoleCDRReader(firstLine: Int(parts[1]))
            }
        }
    }

    /// The byte offset read up to.
    public var position: UInt64 { offset }

    /// Reads what was appended since the last call (at most 1 MiB at a time: call again while it returns lines).
    public func readNew() -> [Result<ConsoleCDR, BadConsoleLine>] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return [] }
        if size < offset {
            logger.warning("hd.txt is shorter than what was read: replaced or truncated, reading it from the start",
                           metadata: ["path": "\(path)", "size": "\(size)", "offset": "\(offset)"])
            offset = 0
            reader = ConsoleCDRReader()
        }
        guard size > offset, (try? handle.seek(toOffset: offset)) != nil,
            let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty
        else { return [] }
        let bytes = [UInt8](data)
        // A chunk without any line end that fills the whole read is fed anyway: the reader bounds it.
        guard let end = ConsoleCDRReader.endOfLastLine(in: bytes) ?? (bytes.count == 1 << 20 ? bytes.count : nil) else { return [] }
        let results = reader.feed(bytes[0..<end])
        offset += UInt64(end)
        save()
        return results
    }

    private func save() {
        guard let offsetFile else { return }
        do {
            try Data("\(offset) \(reader.nextLineNumber)\n".utf8).write(to: URL(fileURLWithPath: offsetFile), options: .atomic)
        } catch {
            logger.error("cannot save where hd.txt was read up to", metadata: ["file": "\(offsetFile)", "error": "\(error)"])
        }
    }
}
