import NIOCore
import Testing

@testable import PBXProtocol

/// §1 decisions, receive side: the parser must give the same frames and the same malformed-frame
/// offsets however the stream is cut into reads.
@Suite struct FrameParserChunkingTests {
    /// A stream built from pieces, remembering where each piece starts.
    struct Stream {
        var bytes: [UInt8] = []
        var expected: [ParsedFrame] = []

        /// Appends raw bytes and returns the stream offset where they begin.
        @discardableResult
        mutating func append(_ text: String) -> Int {
            append(Array(text.utf8))
        }

        @discardableResult
        mutating func append(_ raw: [UInt8]) -> Int {
            let offset = bytes.count
            bytes += raw
            return offset
        }
    }

    /// CRLF and bare-LF frames, blank lines between them, a Chinese value, a line without ':',
    /// invalid UTF-8, colons inside values, repeated keys and blanks around keys and values.
    static let mixedStream: Stream = {
        var stream = Stream()
        stream.append("\r\n\n")  // blank lines before the first frame
        stream.append("ServiceType: PMS\r\nAction: Set\r\nSeqID: 1\r\nCallMethod: ExtenName\r\nPhone: 8001\r\nName: 张伟国威\r\n\r\n")
        stream.expected.append(
            .frame([
                "ServiceType": "PMS", "Action": "Set", "SeqID": "1", "CallMethod": "ExtenName", "Phone": "8001",
                "Name": "张伟国威",
            ]))
        stream.append("\r\n\r\n\n")  // blank lines between frames
        stream.append("Caller: 1001\nCallee: 93801\n\n")  // bare LF
        stream.expected.append(.frame(["Caller": "1001", "Callee": "93801"]))
        let badLineFrame = stream.append("Good: 1\r\n")
        let badLine = stream.append("no colon on this line\r\nAfter: 2\r\n\r\n")
        _ = badLineFrame
        stream.expected.append(.malformed(MalformedFrame(reason: "line 2 has no ':'", offset: badLine)))
        let badUTF8 = stream.append([0x4E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE5, 0x9B, 0x0D, 0x0A, 0x0D, 0x0A])  // "Name: " + half of 国
        stream.expected.append(.malformed(MalformedFrame(reason: "line 1 is not valid UTF-8", offset: badUTF8)))
        stream.append("AlarmClock: 07:30**5*1*fpm-world-mix.gsm*1&\r\nStart: 2012-03-08 07:30:00\r\nX: a\r\nX: b\r\n\r\n")
        stream.expected.append(
            .frame(
                Frame([
                    Field("AlarmClock", "07:30**5*1*fpm-world-mix.gsm*1&"), Field("Start", "2012-03-08 07:30:00"),
                    Field("X", "a"), Field("X", "b"),
                ])))
        stream.append("Mixed: crlf\r\nThen: lf\n\r\n")  // a LF line, then a CRLF blank line
        stream.expected.append(.frame(["Mixed": "crlf", "Then": "lf"]))
        stream.append(" \tSpaced\t :  inner  spaces kept \t\r\nEmpty:\r\nNoSpace:value\r\n\r\n")
        stream.expected.append(.frame(["Spaced": "inner  spaces kept", "Empty": "", "NoSpace": "value"]))
        stream.append("Name: 国威\n\n\r\n")
        stream.expected.append(.frame(["Name": "国威"]))
        return stream
    }()

    private func expectSameAsExpected(_ chunking: Chunking, sourceLocation: SourceLocation = #_sourceLocation) {
        let stream = Self.mixedStream
        let run = runParser(stream.bytes, chunking)
        #expect(run.outputs == stream.expected.map(ParserOutput.parsed), "\(chunking)", sourceLocation: sourceLocation)
        #expect(run.streamOffset == stream.bytes.count, "\(chunking)", sourceLocation: sourceLocation)
        #expect(run.leftover == 0, "\(chunking)", sourceLocation: sourceLocation)
    }

    @Test func mixedStreamReadAllAtOnceGivesTheExpectedFramesAndOffsets() {
        expectSameAsExpected(.whole)
    }

    @Test func mixedStreamFedByteByByteGivesIdenticalFramesAndOffsets() {
        expectSameAsExpected(.byteByByte)
    }

    @Test(arguments: [1, 2, 3, 5, 8, 13, 21, 34, 55, 89] as [UInt64])
    func mixedStreamInSeededRandomChunksGivesIdenticalFramesAndOffsets(seed: UInt64) {
        for maximum in [2, 3, 7, 16, 64] {
            expectSameAsExpected(.random(seed: seed &* 7919 &+ UInt64(maximum), maximum: maximum))
        }
    }

    @Test func mixedStreamCutIntoTwoReadsAtEveryOffsetGivesIdenticalFramesAndOffsets() {
        for cut in 1..<Self.mixedStream.bytes.count {
            expectSameAsExpected(.cuts([cut]))
        }
    }

    @Test func cutsInsideMultibyteCharactersAndInsideTheTerminatorAreHarmless() {
        let bytes = Self.mixedStream.bytes
        // Where 张 (E5 BC A0) begins, and where the first `\r\n\r\n` begins.
        let zhang = Array("张".utf8)
        let zhangAt = (0...(bytes.count - 3)).first { Array(bytes[$0..<($0 + 3)]) == zhang }
        let terminatorAt = (3..<(bytes.count - 3)).first { Array(bytes[$0..<($0 + 4)]) == [0x0D, 0x0A, 0x0D, 0x0A] }
        guard let zhangAt, let terminatorAt else {
            Issue.record("test stream lacks 张 or CRLFCRLF")
            return
        }
        expectSameAsExpected(.cuts([zhangAt + 1, zhangAt + 2]))
        expectSameAsExpected(.cuts([terminatorAt + 1, terminatorAt + 2, terminatorAt + 3]))
        expectSameAsExpected(.cuts([zhangAt + 2, terminatorAt + 1, terminatorAt + 3]))
    }

    @Test(arguments: [11, 42, 1234] as [UInt64])
    func randomlyGeneratedFrameStreamsDecodeTheSameInAnyChunking(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let alphabet = Array("abcXYZ019 :_-*&.国威张伟😀é".unicodeScalars)
        var stream: [UInt8] = []
        var expected: [ParserOutput] = []
        for _ in 0..<40 {
            var fields: [Field] = []
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let key = "K" + String(Int.random(in: 0...99, using: &generator))
                var value = String(
                    String.UnicodeScalarView(
                        (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                            alphabet.randomElement(using: &generator)!
                        }))
                while value.hasPrefix(" ") { value.removeFirst() }
                while value.hasSuffix(" ") { value.removeLast() }
                fields.append(Field(key, value))
            }
            let lineEnd = Bool.random(using: &generator) ? "\r\n" : "\n"
            let blanks = String(repeating: Bool.random(using: &generator) ? "\r\n" : "\n", count: Int.random(in: 0...2, using: &generator))
            let text = blanks + fields.map { "\($0.key): \($0.value)\(lineEnd)" }.joined() + lineEnd
            stream += Array(text.utf8)
            expected.append(.parsed(.frame(Frame(fields))))
        }
        #expect(runParser(stream, .whole).outputs == expected)
        #expect(runParser(stream, .byteByByte).outputs == expected)
        for round in 0..<5 as Range<UInt64> {
            let run = runParser(stream, .random(seed: seed &+ round, maximum: 1 + Int(round) * 9))
            #expect(run.outputs == expected)
            #expect(run.streamOffset == stream.count)
        }
    }
}
