import NIOCore
import Testing

@testable import PBXProtocol

/// The receive rules of §1 decisions, one at a time.
@Suite struct FrameParserTests {
    private func parse(_ text: String) -> ParserRun {
        runParser(Array(text.utf8))
    }

    @Test func lineWithoutColonMakesFrameMalformedAtThatLineAndNextFrameStillDecodes() {
        let first = "ServiceType: PMS\r\n"
        let run = parse(first + "garbage line\r\nSeqID: 1\r\n\r\nNext: frame\r\n\r\n")
        #expect(
            run.outputs == [
                .parsed(.malformed(MalformedFrame(reason: "line 2 has no ':'", offset: first.utf8.count))),
                .parsed(.frame(["Next": "frame"])),
            ])
    }

    @Test func malformedOffsetCountsFromTheStartOfTheStreamAcrossEarlierFramesAndBlankLines() {
        let before = "A: 1\r\n\r\n\r\n\n"
        let run = parse(before + "nocolon\n\n")
        #expect(run.outputs == [
            .parsed(.frame(["A": "1"])),
            .parsed(.malformed(MalformedFrame(reason: "line 1 has no ':'", offset: before.utf8.count))),
        ])
    }

    @Test func malformedDescriptionNamesReasonAndByte() {
        #expect(MalformedFrame(reason: "line 2 has no ':'", offset: 17).description == "line 2 has no ':' (at byte 17)")
    }

    @Test func lineWithEmptyKeyIsMalformed() {
        #expect(parse("A: 1\r\n : value\r\n\r\n").outputs == [
            .parsed(.malformed(MalformedFrame(reason: "line 2 has an empty key", offset: 6)))
        ])
    }

    @Test(arguments: [
        [0xFF] as [UInt8],  // never valid
        [0xE5, 0x9B],  // 国 cut short
        [0xC0, 0xAF],  // overlong '/'
        [0xED, 0xA0, 0x80],  // a UTF-16 surrogate
    ])
    func invalidUTF8InValueIsMalformed(bad: [UInt8]) {
        let bytes = Array("Phone: 8001\r\nName: ".utf8) + bad + Array("\r\n\r\nOK: yes\r\n\r\n".utf8)
        #expect(runParser(bytes).outputs == [
            .parsed(.malformed(MalformedFrame(reason: "line 2 is not valid UTF-8", offset: 13))),
            .parsed(.frame(["OK": "yes"])),
        ])
    }

    @Test func invalidUTF8InKeyIsMalformed() {
        let bytes: [UInt8] = [0x4B, 0xFF, 0x3A, 0x20, 0x76, 0x0A, 0x0A]
        #expect(runParser(bytes).outputs == [
            .parsed(.malformed(MalformedFrame(reason: "line 1 is not valid UTF-8", offset: 0)))
        ])
    }

    @Test func lineIsSplitAtItsFirstColonSoValuesKeepTheirColons() {
        let run = parse(
            "AlarmClock: 07:30**5*1*fpm-world-mix.gsm*1&17:30**5*1*fpm-world-mix.gsm*3&\r\n"
                + "Start: 2012-03-08 07:30:00\r\nURL: sip://8001:5060\r\n\r\n")
        #expect(run.frames == [
            [
                "AlarmClock": "07:30**5*1*fpm-world-mix.gsm*1&17:30**5*1*fpm-world-mix.gsm*3&",
                "Start": "2012-03-08 07:30:00", "URL": "sip://8001:5060",
            ]
        ])
    }

    @Test func blanksAroundKeyAndValueAreStrippedButInnerBlanksKept() {
        // §1: the vendor demos send `ServiceType: PMS ` with a trailing space.
        let run = parse("ServiceType: PMS \r\n\tMessage:\t User Login failed, Password Wrong ! \t\r\nKey:v\r\nEmpty:\r\n\r\n")
        #expect(run.frames == [
            ["ServiceType": "PMS", "Message": "User Login failed, Password Wrong !", "Key": "v", "Empty": ""]
        ])
    }

    @Test func repeatedKeysAreKeptInOrderAndSubscriptReturnsTheFirst() {
        let frames = parse("CallMethod: Account\r\nResponse: Error\r\nCallMethod: Other\r\nCallMethod: Third\r\n\r\n").frames
        #expect(frames.first?.fields == [
            Field("CallMethod", "Account"), Field("Response", "Error"), Field("CallMethod", "Other"),
            Field("CallMethod", "Third"),
        ])
        #expect(frames.first?["CallMethod"] == "Account")
        #expect(frames.first?["Missing"] == nil)
    }

    @Test func emptyLinesBetweenFramesAreSkippedInEveryLineEndStyle() {
        let run = parse("\r\n\n\r\n\nA: 1\r\n\r\n\n\r\n\n\nB: 2\n\n\r\n\r\n")
        #expect(run.frames == [["A": "1"], ["B": "2"]])
        #expect(run.outputs.count == 2)
        #expect(run.leftover == 0)
    }

    @Test func frameEndsWithLFLFOrLFCRLFButNotWithCRCR() {
        #expect(parse("A: 1\n\n").frames == [["A": "1"]])
        #expect(parse("A: 1\n\r\n").frames == [["A": "1"]])
        #expect(parse("A: 1\r\n\r\n").frames == [["A": "1"]])
        let unfinished = parse("A: 1\r\r")
        #expect(unfinished.outputs.isEmpty)
        #expect(unfinished.leftover == 6)
    }

    @Test func streamOffsetCountsConsumedBytesAndAPartialFrameStaysUnconsumed() throws {
        var parser = FrameParser()
        var buffer = ByteBuffer(string: "\r\nA: 1\r\n\r\nB: 2\r\n")
        #expect(parser.streamOffset == 0)
        #expect(try parser.next(from: &buffer) == .frame(["A": "1"]))
        #expect(parser.streamOffset == 10)
        #expect(try parser.next(from: &buffer) == nil)
        #expect(parser.streamOffset == 10)
        #expect(buffer.readableBytes == 6)
        buffer.writeString("\r\n\n")
        #expect(try parser.next(from: &buffer) == .frame(["B": "2"]))
        #expect(parser.streamOffset == 18)
        #expect(try parser.next(from: &buffer) == nil)
        #expect(parser.streamOffset == 19)  // the trailing blank line is consumed as it is seen
        #expect(buffer.readableBytes == 0)
    }

    @Test func blankLinesAloneAreConsumedButALoneCRWaitsForItsLF() throws {
        var parser = FrameParser()
        var buffer = ByteBuffer(string: "\r\n\n\r")
        #expect(try parser.next(from: &buffer) == nil)
        #expect(parser.streamOffset == 3)
        #expect(buffer.readableBytes == 1)
        buffer.writeString("\nA: 1\n\n")
        #expect(try parser.next(from: &buffer) == .frame(["A": "1"]))
        #expect(parser.streamOffset == 11)
    }

    @Test func emptyBufferGivesNothing() throws {
        var parser = FrameParser()
        var buffer = ByteBuffer()
        #expect(try parser.next(from: &buffer) == nil)
        #expect(parser.streamOffset == 0)
    }
}
