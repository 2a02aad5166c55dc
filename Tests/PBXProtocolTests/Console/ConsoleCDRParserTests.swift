import Testing

@testable import PBXProtocol

/// The CDR line of the console interface (§6.1) and its Decision: commas or padding, time with or
/// without its space, bad lines reported with their numbers.
@Suite struct ConsoleCDRParserTests {
    static let vendorLine = "T8001,13820819228,2011-08-0415:37:36,11,0.20,0.80,1,0,D"
    static let vendorRecord = ConsoleCDR(
        caller: "8001", callee: "13820819228", end: dateTime("2011-08-04 15:37:36"), duration: 11, rate: "0.20",
        charge: "0.80", trunk: 1, account: 0)

    /// The vendor's fields padded with spaces to the §6.1 widths (4, 21, 21, 6, 6, 6, 2, 2).
    static func padded(_ fields: [String]) -> String {
        zip(fields, ConsoleCDR.widths).map { field, width in field + String(repeating: " ", count: width - field.count) }
            .joined()
    }

    @Test func vendorExampleLineParsesToItsEightFields() throws {
        #expect(try ConsoleCDR(line: Self.vendorLine) == Self.vendorRecord)
        #expect(try ConsoleCDR(line: Self.vendorLine + "\r\n") == Self.vendorRecord)
    }

    @Test func writtenLineIsTheVendorsFormAndParsesBack() throws {
        #expect(Self.vendorRecord.line == Self.vendorLine)
        #expect(try ConsoleCDR(line: Self.vendorRecord.line) == Self.vendorRecord)
    }

    @Test func endTimeIsAcceptedWithItsSpace() throws {
        #expect(try ConsoleCDR(line: "T8001,13820819228,2011-08-04 15:37:36,11,0.20,0.80,1,0,D") == Self.vendorRecord)
    }

    @Test func commaSeparatedFieldsPaddedToTheirWidthsAreTrimmed() throws {
        let line = "T8001,13820819228          ,2011-08-04 15:37:36  ,    11,  0.20,  0.80, 1, 0,D"
        #expect(try ConsoleCDR(line: line) == Self.vendorRecord)
    }

    @Test func fixedWidthLineWithoutCommasIsCutAtTheDocumentedWidths() throws {
        let fields = ["8001", "13820819228", "2011-08-0415:37:36", "11", "0.20", "0.80", "1", "0"]
        #expect(try ConsoleCDR(line: "T" + Self.padded(fields) + "D") == Self.vendorRecord)
        var spaced = fields
        spaced[2] = "2011-08-04 15:37:36"
        #expect(try ConsoleCDR(line: "T" + Self.padded(spaced) + "D\r\n") == Self.vendorRecord)
    }

    @Test func fixedWidthLineWhoseTrailingPaddingWasStrippedStillParses() throws {
        let line = "T" + Self.padded(["8001", "13820819228", "2011-08-0415:37:36", "11", "0.20", "0.80", "1", "0"])
        #expect(try ConsoleCDR(line: line.trimmedSpaces) == Self.vendorRecord)
    }

    @Test func closingDIsOptional() throws {
        #expect(try ConsoleCDR(line: "T8001,13820819228,2011-08-0415:37:36,11,0.20,0.80,1,0") == Self.vendorRecord)
    }

    @Test func storedShapeEndsAtTheEndTimeAndLastsTheDuration() throws {
        let cdr = Self.vendorRecord.cdr
        #expect(cdr.end == dateTime("2011-08-04 15:37:36"))
        #expect(cdr.answer == dateTime("2011-08-04 15:37:25"))
        #expect(cdr.start == dateTime("2011-08-04 15:37:25"))
        #expect(cdr.duration == 11)
        #expect(cdr.disposition == .answered)
        #expect(cdr.callType == .other("console"))
        #expect(cdr.caller == "8001" && cdr.callee == "13820819228")
    }

    @Test(arguments: [
        ("X8001,13820819228,2011-08-0415:37:36,11,0.20,0.80,1,0,D", "line"),
        ("T8001,13820819228,2011-08-0415:37:36,11,0.20,0.80,1,D", "account"),
        ("T8001,13820819228,2011-08-0415:37:36,11,0.20,0.80,1,0,5,D", "line"),
        ("T,13820819228,2011-08-0415:37:36,11,0.20,0.80,1,0,D", "caller"),
        ("T8001,1382 0819228,2011-08-0415:37:36,11,0.20,0.80,1,0,D", "callee"),
        ("T8001,13820819228,2011-02-3015:37:36,11,0.20,0.80,1,0,D", "end time"),
        ("T8001,13820819228,2011-08-04T15:37:36,11,0.20,0.80,1,0,D", "end time"),
        ("T8001,13820819228,2011-08-0415:37:36,-1,0.20,0.80,1,0,D", "duration"),
        ("T8001,13820819228,2011-08-0415:37:36,11,0.2.0,0.80,1,0,D", "rate"),
        ("T8001,13820819228,2011-08-0415:37:36,11,0.20,yuan,1,0,D", "charge"),
        ("T8001,13820819228,2011-08-0415:37:36,11,0.20,0.80,x,0,D", "trunk"),
        ("T8001,13820819228,2011-08-0415:37:36,11,0.20,0.80,1,99999999999,D", "account"),
        ("T8001", "line"),
    ])
    func badLineNamesTheFieldAndTheRule(line: String, field: String) {
        let error = thrownError(ConsoleLineError.self) { try ConsoleCDR(line: line) }
        #expect(error?.field == field)
        #expect(error?.rule.contains("§6.1") == true)
    }

    @Test func controlCharactersInAReportedValueAreEscaped() {
        let error = thrownError(ConsoleLineError.self) { try ConsoleCDR(line: "T8001,138\u{1B}[2J,2011-08-0415:37:36,11,0.20,0.80,1,0,D") }
        #expect(error?.field == "callee")
        #expect(error?.description.contains("\u{1B}") == false)
        #expect(error?.description.contains("\\u{1b}") == true)
    }
}
