import NIOCore
import Testing

@testable import PBXProtocol

/// §1 decisions, send side: exactly `Key: Value\r\n` per field and one `\r\n` at the end; never a
/// control character in a key or value.
@Suite struct FrameEncoderTests {
    @Test func frameIsWrittenAsKeyColonSpaceValueCRLFThenOneCRLF() throws {
        let frame = Frame([Field("ServiceType", "PMS"), Field("Answer", ""), Field("Name", "张伟国威"), Field("X", "a: b")])
        expectBytes(try wire(frame), "ServiceType: PMS\r\nAnswer: \r\nName: 张伟国威\r\nX: a: b\r\n\r\n")
    }

    @Test func repeatedKeysAreWrittenInOrder() throws {
        let frame = Frame([Field("X", "1"), Field("Y", "2"), Field("X", "3")])
        expectBytes(try wire(frame), "X: 1\r\nY: 2\r\nX: 3\r\n\r\n")
    }

    @Test func writeAppendsAfterWhatTheBufferAlreadyHolds() throws {
        var buffer = ByteBuffer(string: "before|")
        try (["A": "1"] as Frame).write(into: &buffer)
        #expect(String(buffer: buffer) == "before|A: 1\r\n\r\n")
    }

    static let forbiddenInValues: [(String, String)] = [
        ("\r", "value must not contain CR (§1: no field injection)"),
        ("\n", "value must not contain LF (§1: no field injection)"),
        ("\t", "value must not contain control characters (§1)"),
        ("\u{0}", "value must not contain control characters (§1)"),
        ("\u{1F}", "value must not contain control characters (§1)"),
        ("\u{7F}", "value must not contain control characters (§1)"),
        ("\u{80}", "value must not contain control characters (§1)"),
        ("\u{85}", "value must not contain control characters (§1)"),
        ("\u{9F}", "value must not contain control characters (§1)"),
    ]

    @Test(arguments: forbiddenInValues)
    func controlCharacterInValueIsRejectedNamingTheKeyAndNothingIsWritten(character: String, rule: String) {
        let frame = Frame([Field("Phone", "8001"), Field("Name", "Guest" + character + "Name")])
        var buffer = ByteBuffer(string: "kept")
        #expect(throws: FieldRejected(key: "Name", rule: rule)) {
            try frame.write(into: &buffer)
        }
        #expect(String(buffer: buffer) == "kept")
        #expect(buffer.writerIndex == 4)
        #expect(!("Guest" + character).isSafeForPBXWire)
    }

    @Test(arguments: ["\r", "\n", "\t", "\u{0}", "\u{7F}", "\u{85}"])
    func controlCharacterInKeyIsRejectedNamingTheKey(character: String) {
        let key = "Na" + character + "me"
        let expectedRule = switch character {
        case "\r": "key must not contain CR (§1: no field injection)"
        case "\n": "key must not contain LF (§1: no field injection)"
        default: "key must not contain control characters (§1)"
        }
        #expect(throws: FieldRejected(key: key, rule: expectedRule)) {
            try wire(Frame([Field(key, "v")]))
        }
    }

    @Test func keyWithColonOrSpaceOrNothingIsRejected() {
        #expect(throws: FieldRejected(key: "A:B", rule: "key must not contain ':' or spaces")) {
            try wire(Frame([Field("A:B", "v")]))
        }
        #expect(throws: FieldRejected(key: "A B", rule: "key must not contain ':' or spaces")) {
            try wire(Frame([Field("A B", "v")]))
        }
        #expect(throws: FieldRejected(key: "", rule: "key must not be empty")) {
            try wire(Frame([Field("", "v")]))
        }
    }

    @Test func printableCharactersNextToTheC1RangeAreAccepted() throws {
        // U+00A0 (C2 A0) and U+0100 (C4 80, a continuation byte 0x80 after a non-C2 lead) are not C1.
        let value = "\u{A0}\u{A1}\u{100}é国😀~"
        #expect(value.isSafeForPBXWire)
        let bytes = try wire(Frame([Field("Name", value)]))
        #expect(bytes == Array("Name: \(value)\r\n\r\n".utf8))
    }

    @Test func firstOffendingFieldIsNamedAndEarlierFieldsAreNotWritten() {
        let frame = Frame([Field("A", "ok"), Field("B", "bad\n"), Field("C", "bad\r")])
        var buffer = ByteBuffer()
        #expect(throws: FieldRejected(key: "B", rule: "value must not contain LF (§1: no field injection)")) {
            try frame.write(into: &buffer)
        }
        #expect(buffer.readableBytes == 0)
    }

    @Test func validateChecksWithoutWriting() {
        #expect(throws: Never.self) { try (["A": "1"] as Frame).validate() }
        #expect(throws: FieldRejected.self) { try (["A": "1\r\n"] as Frame).validate() }
    }

    @Test func injectedGuestNameIsRefusedByTheRequestNamingName() {
        // §1: a guest named "X\r\nAction: Set" must not inject a field.
        let request = PBXRequest(seqID: "1", command: .setName(phone: "8001", name: "X\r\nAction: Set"))
        let error = thrownError(MessageError.self) { try request.frame() }
        #expect(error == .invalidField(key: "Name", value: "", rule: "value must not contain CR (§1: no field injection)"))
        #expect(error?.description.contains("Name") == true)
    }

    /// §1: a PBX closes the connection on a message over the frame limit; such a request is refused
    /// before it is written, naming the field that makes it too large.
    @Test func aRequestOverTheFrameLimitIsRefusedNamingTheLargestField() throws {
        let name = "Z" + String(repeating: "\u{301}", count: 40_000) + "alan"
        let error = thrownError(MessageError.self) { try PBXRequest(seqID: "1", command: .setName(phone: "8001", name: name)).frame() }
        guard case .invalidField(let key, _, let rule) = error else {
            Issue.record("expected invalidField, got \(String(describing: error))")
            return
        }
        #expect(key == "Name")
        #expect(rule.contains("over the 65536-byte frame limit (§1)"))
        // Just under the limit is sent.
        let header = try PBXRequest(seqID: "1", command: .setName(phone: "8001", name: "")).frame().encodedSize
        let fits = try PBXRequest(seqID: "1", command: .setName(phone: "8001", name: String(repeating: "a", count: Frame.sendLimit - header)))
            .frame()
        #expect(fits.encodedSize == Frame.sendLimit)
        #expect(try fits.encoded().readableBytes == Frame.sendLimit)
    }

    @Test func fieldRejectedDescriptionNamesKeyAndRule() {
        #expect(FieldRejected(key: "Name", rule: "value must not contain LF").description == "field Name: value must not contain LF")
    }

    @Test(arguments: [5, 6, 7] as [UInt64])
    func anyFrameOfSafeFieldsSurvivesEncodeThenParse(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let keyAlphabet = Array("ABCabc_019-.".unicodeScalars)
        let valueAlphabet = Array("aZ9 :*&/\\\"'国威张伟😀é\u{A0}\u{100}".unicodeScalars)
        for _ in 0..<200 {
            var fields: [Field] = []
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let key = String(String.UnicodeScalarView((0..<Int.random(in: 1...10, using: &generator)).map { _ in keyAlphabet.randomElement(using: &generator)! }))
                var value = String(String.UnicodeScalarView((0..<Int.random(in: 0...20, using: &generator)).map { _ in valueAlphabet.randomElement(using: &generator)! }))
                // The parser strips blanks at the ends of a value (§1), NBSP is not one of them.
                while value.hasPrefix(" ") { value.removeFirst() }
                while value.hasSuffix(" ") { value.removeLast() }
                fields.append(Field(key, value))
            }
            let frame = Frame(fields)
            #expect(decodeFrames(try wire(frame)) == [frame])
        }
    }
}
