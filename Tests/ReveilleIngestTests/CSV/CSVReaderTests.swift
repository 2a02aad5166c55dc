import Foundation
import ReveilleIngest
import Testing

@Suite struct CSVReaderTests {
    private func read(_ text: String, _ options: CSVOptions = .init()) throws(CSVReadError) -> CSVTable {
        try CSVReader.read(CSVFixtures.utf8(text), options: options)
    }

    private func readError(_ text: String, _ options: CSVOptions = .init()) -> CSVReadError? {
        do {
            _ = try read(text, options)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Header

    @Test("a UTF-8 byte order mark is not part of the first header name", arguments: [CSVEncoding.automatic, .utf8])
    func stripsBOM(encoding: CSVEncoding) throws {
        let table = try read("\u{FEFF}房号,姓名\n0801,张伟\n", CSVOptions(encoding: encoding))
        #expect(table.header == ["房号", "姓名"])
        #expect(table.rows == [CSVRow(line: 2, fields: ["0801", "张伟"])])
    }

    @Test("header names are trimmed, data fields are not")
    func trimsHeaderOnly() throws {
        let table = try read(" 房号 ,\t姓名\u{3000},到店时间 \n 0801 , 张伟 ,x\n", CSVOptions(delimiter: .comma))
        #expect(table.header == ["房号", "姓名", "到店时间"])
        #expect(table.rows[0].fields == [" 0801 ", " 张伟 ", "x"])
    }

    // MARK: Line ends

    @Test("LF, CRLF and CR-only line ends read the same", arguments: ["\n", "\r\n", "\r"])
    func lineEnds(end: String) throws {
        let table = try read(["a,b", "1,2", "3,4"].joined(separator: end) + end)
        #expect(table.header == ["a", "b"])
        #expect(table.rows == [CSVRow(line: 2, fields: ["1", "2"]), CSVRow(line: 3, fields: ["3", "4"])])
    }

    @Test("mixed line ends in one file each end one line")
    func mixedLineEnds() throws {
        let table = try read("a,b\r\n1,2\n3,4\r5,6\r\n7,8")
        #expect(table.rows.map(\.line) == [2, 3, 4, 5])
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"], ["5", "6"], ["7", "8"]])
    }

    @Test("a missing line end after the last record loses nothing, an extra one adds nothing")
    func lastLineEnd() throws {
        #expect(try read("a,b\n1,2").rows == [CSVRow(line: 2, fields: ["1", "2"])])
        #expect(try read("a,b\n1,2\n").rows == [CSVRow(line: 2, fields: ["1", "2"])])
        #expect(try read("a,b\n1,").rows == [CSVRow(line: 2, fields: ["1", ""])])
    }

    @Test("blank lines are skipped but still counted")
    func blankLines() throws {
        let table = try read("\na,b\n\n1,2\r\n\r\n\r3,4\n\n")
        #expect(table.header == ["a", "b"])
        #expect(table.rows == [CSVRow(line: 4, fields: ["1", "2"]), CSVRow(line: 7, fields: ["3", "4"])])
    }

    @Test("a line holding only an empty quoted field, or only spaces, is a record, not a blank line")
    func notBlank() throws {
        let table = try read("a\n\"\"\n \n")
        #expect(table.rows == [CSVRow(line: 2, fields: [""]), CSVRow(line: 3, fields: [" "])])
    }

    // MARK: Delimiters

    @Test("semicolon and tab delimiters, given or detected from the header",
          arguments: [(CSVDelimiter.semicolon, ";"), (.tab, "\t"), (.automatic, ";"), (.automatic, "\t")])
    func delimiters(delimiter: CSVDelimiter, separator: String) throws {
        let text = ["房号", "姓名", "团队"].joined(separator: separator) + "\n"
            + ["0801", "\"张\(separator)伟\"", "A,B"].joined(separator: separator) + "\n"
        let table = try read(text, CSVOptions(delimiter: delimiter))
        #expect(table.header == ["房号", "姓名", "团队"])
        #expect(table.rows == [CSVRow(line: 2, fields: ["0801", "张\(separator)伟", "A,B"])])
    }

    @Test("detection counts delimiters outside quotes only")
    func detectionIgnoresQuotedDelimiters() throws {
        let table = try read("\"a,b,c\";d;e\n1;2;3\n")
        #expect(table.header == ["a,b,c", "d", "e"])
        #expect(table.rows[0].fields == ["1", "2", "3"])
    }

    @Test("a given delimiter overrides detection; a header without delimiters is one column")
    func givenDelimiterWins() throws {
        #expect(try read("a;b\n1;2\n", CSVOptions(delimiter: .comma)).header == ["a;b"])
        let oneColumn = try read("房号\n0801\n")
        #expect(oneColumn.header == ["房号"])
        #expect(oneColumn.rows.map(\.fields) == [["0801"]])
    }

    // MARK: Quotes

    @Test("quoted fields keep delimiters and line breaks; the records after them start on their physical lines")
    func quotedNewlines() throws {
        let text = "房号,备注\n0801,\"line one\nline two\nline three\"\n0802,plain\n0803,\"a\r\nb\rc\"\r\n0804,x\n"
        let table = try read(text)
        #expect(table.rows == [
            CSVRow(line: 2, fields: ["0801", "line one\nline two\nline three"]),
            CSVRow(line: 5, fields: ["0802", "plain"]),
            CSVRow(line: 6, fields: ["0803", "a\r\nb\rc"]),
            CSVRow(line: 9, fields: ["0804", "x"]),
        ])
    }

    @Test("doubled quotes inside a quoted field are one quote")
    func escapedQuotes() throws {
        let table = try read("a,b,c,d\n\"say \"\"hi\"\"\",\"\"\"\"\"\",\"x,\"\"y\"\"\",\"\"\n")
        #expect(table.rows[0].fields == ["say \"hi\"", "\"\"", "x,\"y\"", ""])
    }

    @Test("a quote inside an unquoted field is kept as it is")
    func bareQuote() throws {
        #expect(try read("a,b\n37.8\"N,x\"y\"z\n").rows[0].fields == ["37.8\"N", "x\"y\"z"])
    }

    @Test("an unterminated quoted field is an error naming the line it opens on")
    func unterminatedQuote() {
        let error = readError("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n")
        #expect(error == CSVReadError(line: 3, reason: "unterminated quoted field"))
        #expect(error?.description == "line 3: unterminated quoted field")
        #expect(readError("a,b\n\"x")?.line == 2)
        #expect(readError("\"a,b\n1,2\n")?.line == 1)
    }

    @Test("a character right after a closing quote is an error naming its line")
    func characterAfterClosingQuote() {
        let error = readError("a,b\n1,\"two\nlines\"x,3\n")
        #expect(error?.line == 3)
        #expect(error?.reason.hasPrefix("unexpected character after a closing quote") == true)
    }

    // MARK: Whole-file errors

    @Test("a file without a header record is an error on line 1", arguments: ["", "\u{FEFF}", "\n\r\n\r"])
    func noHeader(text: String) {
        #expect(readError(text) == CSVReadError(line: 1, reason: "empty file: no header record"))
    }

    @Test("a header alone gives a table without rows")
    func headerOnly() throws {
        #expect(try read("房号,姓名\r\n") == CSVTable(header: ["房号", "姓名"], rows: []))
    }

    // MARK: Ragged rows

    @Test("rows with fewer or more fields than the header are returned as they are")
    func raggedRows() throws {
        let table = try read("a,b,c\n1,2\n1,2,3,4\n,,\n1,2,3,\nonly\n")
        #expect(table.rows == [
            CSVRow(line: 2, fields: ["1", "2"]),
            CSVRow(line: 3, fields: ["1", "2", "3", "4"]),
            CSVRow(line: 4, fields: ["", "", ""]),
            CSVRow(line: 5, fields: ["1", "2", "3", ""]),
            CSVRow(line: 6, fields: ["only"]),
        ])
    }
}
