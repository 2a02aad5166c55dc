import Testing

@testable import PBXProtocol

/// Cutting a byte stream of §6.1 lines: CRLF, `D` alone, `D` with CRLF; numbers for bad lines.
@Suite struct ConsoleCDRReaderTests {
    let line = ConsoleCDRParserTests.vendorLine

    private func feed(_ text: String, chunk: Int = .max) -> [Result<ConsoleCDR, BadConsoleLine>] {
        var reader = ConsoleCDRReader()
        let bytes = Array(text.utf8)
        var results: [Result<ConsoleCDR, BadConsoleLine>] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            results += reader.feed(bytes[start..<end])
            start = end
        }
        return results
    }

    @Test func recordsEndedByDAndCRLFEachCountOnce() throws {
        let results = feed(line + "\r\n" + line + "\r\n")
        #expect(results.count == 2)
        #expect(try results.map { try $0.get() } == [ConsoleCDRParserTests.vendorRecord, ConsoleCDRParserTests.vendorRecord])
    }

    @Test func recordsEndedOnlyByDAreSplitWithoutALineEnd() throws {
        let results = feed(line + line)
        #expect(try results.map { try $0.get() }.count == 2)
    }

    @Test func recordsSplitAcrossReadsAreJoined() throws {
        let results = feed(line + "\r\n" + line + "\r\n", chunk: 7)
        #expect(try results.map { try $0.get() }.count == 2)
    }

    @Test func anUnfinishedLineWaitsForItsEnd() {
        var reader = ConsoleCDRReader()
        #expect(reader.feed(Array("T8001,138".utf8)).isEmpty)
        #expect(reader.feed(Array("20819228,2011-08-0415:37:36,11,0.20,0.80,1,0,D".utf8)).count == 1)
    }

    @Test func badLinesAreReportedWithTheirLineNumbersAndTheGoodOnesKept() {
        let text = [line, "garbage", "", line, "T8001,13820819228,2011-13-0415:37:36,11,0.20,0.80,1,0,D"]
            .joined(separator: "\r\n") + "\r\n"
        let results = feed(text)
        #expect(results.count == 4)
        let bad = results.compactMap { if case .failure(let bad) = $0 { bad } else { nil } }
        #expect(bad.map(\.lineNumber) == [2, 5])
        #expect(bad.map(\.error.field) == ["line", "end time"])
        #expect(bad.first?.description.hasPrefix("line 2: ") == true)
        #expect(results.filter { (try? $0.get()) != nil }.count == 2)
    }

    @Test func anOverlongLineIsReportedAndSkippedWithBoundedMemory() {
        var reader = ConsoleCDRReader(maximumLength: 100)
        let results = reader.feed(Array((String(repeating: "9", count: 10_000) + "\n" + line + "\n").utf8))
        #expect(results.count == 2)
        if case .failure(let bad) = results.first {
            #expect(bad.lineNumber == 1)
            #expect(bad.error.rule.contains("longer than 100"))
        } else {
            Issue.record("expected the long line to be reported")
        }
        #expect((try? results.last?.get()) == ConsoleCDRParserTests.vendorRecord)
    }

    @Test func bareLFAndBareCRBothEndALine() {
        #expect(feed("garbage\nmore\rT").map { if case .failure(let bad) = $0 { bad.lineNumber } else { 0 } } == [1, 2])
    }
}
