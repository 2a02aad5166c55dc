import PBXProtocol
import Testing

@testable import ReveilleCLI

/// `reveille decode`: one JSON line per frame of a raw PBX-link stream.
@Suite struct StreamDecodingTests {
    struct Report: Equatable {
        var lines: [String]
        var allWellFormed: Bool
    }

    /// Feeds `text` in reads of `chunkSize` bytes (all at once when `nil`), then finishes.
    private func decode(_ text: String, chunkSize: Int? = nil) -> Report {
        decode(Array(text.utf8), chunkSize: chunkSize)
    }

    private func decode(_ bytes: [UInt8], chunkSize: Int? = nil) -> Report {
        var decoding = StreamDecoding()
        var lines: [String] = []
        let size = max(1, chunkSize ?? bytes.count)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            lines += decoding.feed(bytes[start..<end])
            start = end
        }
        lines += decoding.finish()
        return Report(lines: lines, allWellFormed: decoding.allWellFormed)
    }

    static let loginDemo =
        "ServiceType: PMS \r\nAction: UserLogin\r\nSeqID: 123456\r\nCallMethod: Account\r\nUser: admin\r\nPassword: admin\r\n\r\n"

    @Test func loginDemoBecomesOneJSONLineNamedLoginRequest() {
        let report = decode(Self.loginDemo)
        #expect(
            report.lines == [
                #"{"fields":[["ServiceType","PMS"],["Action","UserLogin"],["SeqID","123456"],["CallMethod","Account"],["User","admin"],["Password","<redacted>"]],"message":"LoginRequest"}"#
            ])
        #expect(report.allWellFormed)
    }

    @Test func heartbeatDemoWithStrayBlankLineGivesTwoUntypedFramesButIsWellFormed() {
        let report = decode("ServiceType: PMS \r\nAction: UserLogin\r\nSeqID: 123456\r\nCallMethod: HeartBeat\r\n\r\nUser: xxxx\r\n\r\n")
        #expect(
            report.lines == [
                #"{"fields":[["ServiceType","PMS"],["Action","UserLogin"],["SeqID","123456"],["CallMethod","HeartBeat"]],"message":null}"#,
                #"{"fields":[["User","xxxx"]],"message":null}"#,
            ])
        #expect(report.allWellFormed)
    }

    @Test func repliesAndEventsAreNamed() {
        let report = decode(
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 4\r\nResponse: Error\r\nCallMethod: ExtenDND\r\nPhone: 8001\r\nMessage: no\r\n\r\n"
                + "ServiceType: PMS\r\nAction: CallControl\r\nCallMethod: CallIn\r\nCaller: 8001\r\nCallee: 8000\n\n")
        #expect(
            report.lines == [
                #"{"fields":[["ServiceType","PMS"],["Action","Set"],["SeqID","4"],["Response","Error"],["CallMethod","ExtenDND"],["Phone","8001"],["Message","no"]],"message":"ExtenDNDReply.Error"}"#,
                #"{"fields":[["ServiceType","PMS"],["Action","CallControl"],["CallMethod","CallIn"],["Caller","8001"],["Callee","8000"]],"message":"CallIn"}"#,
            ])
    }

    @Test func chineseQuotesBackslashesAndSlashesAreWrittenAsJSON() {
        let report = decode("Name: 张伟国威\r\nNote: say \"hi\" \\ sip/8001\r\n\r\n")
        #expect(report.lines == [#"{"fields":[["Name","张伟国威"],["Note","say \"hi\" \\ sip/8001"]],"message":null}"#])
    }

    @Test func malformedFrameGivesErrorLineWithOffsetAndClearsAllWellFormed() {
        let first = "A: 1\r\n\r\n"
        let report = decode(first + "no colon\r\n\r\nB: 2\r\n\r\n")
        #expect(
            report.lines == [
                #"{"fields":[["A","1"]],"message":null}"#,
                #"{"error":"line 1 has no ':'","offset":8}"#,
                #"{"fields":[["B","2"]],"message":null}"#,
            ])
        #expect(!report.allWellFormed)
    }

    @Test func invalidUTF8GivesErrorLine() {
        let report = decode(Array("A: 1\r\nB: ".utf8) + [0xFF] + Array("\r\n\r\n".utf8))
        #expect(report.lines == [#"{"error":"line 2 is not valid UTF-8","offset":6}"#])
        #expect(!report.allWellFormed)
    }

    @Test func streamEndingInsideAMessageGivesErrorLineAtItsStart() {
        let report = decode(Self.loginDemo + "\r\nServiceType: PMS\r\nAction: Set\r\n")
        #expect(report.lines.count == 2)
        #expect(report.lines.last == #"{"error":"the stream ends inside a message","offset":\#(Self.loginDemo.utf8.count + 2)}"#)
        #expect(!report.allWellFormed)
    }

    @Test func streamEndingAfterTheLastLineButBeforeTheEmptyLineIsIncomplete() {
        let report = decode("A: 1\r\n")
        #expect(report.lines == [#"{"error":"the stream ends inside a message","offset":0}"#])
        #expect(!report.allWellFormed)
    }

    @Test func trailingBlankLinesAreNotAnIncompleteMessage() {
        let report = decode(Self.loginDemo + "\r\n\n\r")
        #expect(report.lines.count == 1)
        #expect(report.allWellFormed)
    }

    @Test func emptyStreamGivesNothingAndIsWellFormed() {
        #expect(decode("") == Report(lines: [], allWellFormed: true))
    }

    @Test func oversizeMessageGivesErrorLineAndTheNextFrameIsStillDecoded() {
        let big = "Big: " + String(repeating: "x", count: 70_000) + "\r\n\r\n"
        for chunkSize in [nil, 4096] as [Int?] {
            let report = decode(big + "B: 2\r\n\r\n", chunkSize: chunkSize)
            #expect(
                report.lines == [
                    #"{"error":"message larger than 65536 bytes","offset":0}"#,
                    #"{"fields":[["B","2"]],"message":null}"#,
                ], "chunk \(String(describing: chunkSize))")
            #expect(!report.allWellFormed)
        }
    }

    @Test func anyChunkingGivesTheSameLines() {
        let stream =
            Self.loginDemo + "\r\n" + "Name: 张伟国威\nBad line\n\n" + "Caller: 1\r\nCallee: 2\r\n\r\n" + "Phone: 8001\r\nName: 国"
        let whole = decode(stream)
        #expect(whole.lines.count == 4)
        for size in [1, 2, 3, 5, 7, 64] {
            #expect(decode(stream, chunkSize: size) == whole, "chunk \(size)")
        }
    }
}
