import Foundation
import PBXConsole
import PBXProtocol
import Testing

/// Tailing `hd.txt` (§6.1): appended lines once each, whole lines only, bad lines by number, the
/// position kept across restarts, a truncated file read again.
@Suite struct CDRFileTailerTests {
    static let line = "T8001,13820819228,2011-08-0415:37:36,11,0.20,0.80,1,0,D"
    let folder: URL
    var path: String { folder.appendingPathComponent("hd.txt").path }
    var offsetFile: String { folder.appendingPathComponent("hd.offset").path }

    init() throws {
        folder = try temporaryFolder()
    }

    private func append(_ text: String) throws {
        if let handle = FileHandle(forWritingAtPath: path) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } else {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    private func callees(_ results: [Result<ConsoleCDR, BadConsoleLine>]) -> [String] {
        results.compactMap { try? $0.get().callee }
    }

    @Test func appendedLinesAreReadOnceEach() throws {
        let tailer = CDRFileTailer(path: path, offsetFile: nil, logger: quietLogger())
        #expect(tailer.readNew().isEmpty)  // no file yet
        try append(Self.line + "\r\n")
        #expect(callees(tailer.readNew()) == ["13820819228"])
        #expect(tailer.readNew().isEmpty)
        try append(Self.line.replacingOccurrences(of: "13820819228", with: "8002") + "\r\n")
        #expect(callees(tailer.readNew()) == ["8002"])
    }

    @Test func aLineStillBeingWrittenIsReadWholeOnceItEnds() throws {
        let tailer = CDRFileTailer(path: path, offsetFile: nil, logger: quietLogger())
        try append(String(Self.line.prefix(20)))
        #expect(tailer.readNew().isEmpty)
        try append(String(Self.line.dropFirst(20)) + "\r\n")
        #expect(callees(tailer.readNew()) == ["13820819228"])
    }

    @Test func badLinesAreReportedWithTheirLineNumberInTheFile() throws {
        let tailer = CDRFileTailer(path: path, offsetFile: nil, logger: quietLogger())
        try append([Self.line, "T8001,oops", Self.line].joined(separator: "\r\n") + "\r\n")
        let results = tailer.readNew()
        #expect(results.count == 3)
        let bad = results.compactMap { if case .failure(let bad) = $0 { bad } else { nil } }
        #expect(bad.map(\.lineNumber) == [2])
        try append("garbage\r\n")
        #expect(tailer.readNew().compactMap { if case .failure(let bad) = $0 { bad.lineNumber } else { nil } } == [4])
    }

    @Test func aRestartGoesOnWhereTheLastRunStoppedWithItsLineNumbers() throws {
        try append(Self.line + "\r\n")
        #expect(CDRFileTailer(path: path, offsetFile: offsetFile, logger: quietLogger()).readNew().count == 1)
        try append("garbage\r\n")
        let restarted = CDRFileTailer(path: path, offsetFile: offsetFile, logger: quietLogger())
        let results = restarted.readNew()
        #expect(results.count == 1)  // the first line is not read again
        #expect(results.compactMap { if case .failure(let bad) = $0 { bad.lineNumber } else { nil } } == [2])
    }

    @Test func aTruncatedOrReplacedFileIsReadAgainFromTheStart() throws {
        let tailer = CDRFileTailer(path: path, offsetFile: nil, logger: quietLogger())
        try append(Self.line + "\r\n" + Self.line + "\r\n")
        #expect(tailer.readNew().count == 2)
        try Data((Self.line + "\r\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect(callees(tailer.readNew()) == ["13820819228"])
    }

    @Test func binaryGarbageIsReportedLineByLineAndTheNextGoodLineIsStillRead() throws {
        var random = SystemRandomNumberGenerator()
        let garbage = (0..<300_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        try Data(garbage).write(to: URL(fileURLWithPath: path))
        try append("\r\n" + Self.line + "\r\n")
        let tailer = CDRFileTailer(path: path, offsetFile: nil, logger: quietLogger())
        var results: [Result<ConsoleCDR, BadConsoleLine>] = []
        while case let batch = tailer.readNew(), !batch.isEmpty { results += batch }
        #expect(results.last.flatMap { try? $0.get() }?.callee == "13820819228")
        #expect(results.dropLast().allSatisfy { if case .failure = $0 { true } else { false } })
    }

    @Test func aGarbageOffsetFileIsIgnored() throws {
        try Data("not an offset".utf8).write(to: URL(fileURLWithPath: offsetFile))
        try append(Self.line + "\r\n")
        #expect(CDRFileTailer(path: path, offsetFile: offsetFile, logger: quietLogger()).readNew().count == 1)
    }
}
