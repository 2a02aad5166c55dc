import Foundation
import ReveilleIngest
import Testing

@Suite struct CSVEncodingTests {
    static let gbHeader = ["房号", "姓名", "到店时间", "离店时间", "状态", "团队"]
    static let gbRows = [
        CSVRow(line: 2, fields: ["0801", "张伟", "2025-03-01 14:05", "2025-03-03 12:00", "在住", ""]),
        CSVRow(line: 3, fields: ["0802", "李娜, 王芳", "2025-03-01 15:30", "2025-03-04 12:00", "在住", "春季会议团"]),
        CSVRow(line: 4, fields: ["1206", "欧阳修", "2025-03-02 09:10", "2025-03-02 18:00", "预离", ""]),
        // 𠮷 (U+20BB7) is a four-byte GB18030 sequence (95 34 B2 35): not in GBK.
        CSVRow(line: 5, fields: ["1208", "𠮷田优子", "2025-03-02 10:00", "2025-03-05 12:00", "在住", "日本旅行团"]),
        CSVRow(line: 6, fields: ["1210", "王喆", "2025-03-02 11:00", "2025-03-06 12:00", "在住", ""]),
    ]

    /// A GB18030 in-house list with CRLF line ends, made with Python's `str.encode('gb18030')`.
    static func gbFixture() throws -> Data { try CSVFixtures.data("in-house-gb18030.csv") }

    private func readError(_ data: Data, _ options: CSVOptions = .init()) -> CSVReadError? {
        do {
            _ = try CSVReader.read(data, options: options)
            return nil
        } catch {
            return error
        }
    }

    @Test("a GB18030 export with Chinese headers and names reads correctly, detected or given",
          arguments: [CSVEncoding.automatic, .gb18030])
    func gb18030Fixture(encoding: CSVEncoding) throws {
        let data = try Self.gbFixture()
        #expect(String(data: data, encoding: .utf8) == nil, "the fixture must not be valid UTF-8")
        let table = try CSVReader.read(data, options: CSVOptions(encoding: encoding))
        #expect(table.header == Self.gbHeader)
        #expect(table.rows == Self.gbRows)
    }

    @Test("GB18030 read as UTF-8 is an error on the first line with a Chinese character")
    func gb18030AsUTF8() throws {
        #expect(readError(try Self.gbFixture(), CSVOptions(encoding: .utf8)) == CSVReadError(line: 1, reason: "not valid UTF-8 text"))
    }

    @Test("GB18030 with CR-only line ends, a quoted line break and a GB18030 byte order mark")
    func gb18030LinesAndBOM() throws {
        // 84 31 95 33 = U+FEFF; B7 BF BA C5 = 房号; B1 B8 D7 A2 = 备注; D5 C5 CE B0 = 张伟; D4 DA D7 A1 = 在住
        let bytes: [UInt8] = [0x84, 0x31, 0x95, 0x33, 0xB7, 0xBF, 0xBA, 0xC5, 0x2C, 0xB1, 0xB8, 0xD7, 0xA2, 0x0D]
            + Array("0801,\"".utf8) + [0xD5, 0xC5, 0x0D, 0xCE, 0xB0] + Array("\"\r0802,".utf8) + [0xD4, 0xDA, 0xD7, 0xA1]
        let table = try CSVReader.read(Data(bytes))
        #expect(table.header == ["房号", "备注"])
        #expect(table.rows == [CSVRow(line: 2, fields: ["0801", "张\r伟"]), CSVRow(line: 4, fields: ["0802", "在住"])])
    }

    @Test("bytes that are neither UTF-8 nor GB18030 are an error naming their line, never replaced")
    func invalidBytes() {
        // 0xFF never starts a UTF-8 or a GB18030 sequence.
        let data = Data("a,b\n1,2\n3,".utf8) + Data([0xFF]) + Data("\n5,6\n".utf8)
        #expect(readError(data) == CSVReadError(line: 3, reason: "not UTF-8 or GB18030 text"))
        #expect(readError(data, CSVOptions(encoding: .gb18030)) == CSVReadError(line: 3, reason: "not valid GB18030 text"))
        #expect(readError(data, CSVOptions(encoding: .utf8)) == CSVReadError(line: 3, reason: "not valid UTF-8 text"))
    }

    @Test("a GB18030 sequence cut off at the end of the file is an error")
    func truncatedGB18030() {
        let data = Data("a,b\r\n1,".utf8) + Data([0xD5, 0xC5, 0xCE])  // 张 then half of 伟
        #expect(readError(data, CSVOptions(encoding: .gb18030)) == CSVReadError(line: 2, reason: "not valid GB18030 text"))
        #expect(readError(data)?.line == 2)
    }

    @Test("a file with a UTF-8 byte order mark is UTF-8: invalid bytes are an error, not a reason to try GB18030")
    func bomMeansUTF8() {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("a,b\n1,".utf8) + Data([0xD5, 0xC5])  // 张 in GB18030
        let error = readError(data)
        #expect(error?.line == 2)
        #expect(error?.reason.hasPrefix("not valid UTF-8 text") == true)
    }

    @Test("UTF-8 is preferred when the bytes are valid UTF-8")
    func utf8Detected() throws {
        let table = try CSVReader.read(Data("房号,姓名\r\n0801,𠮷田\r\n".utf8))
        #expect(table.header == ["房号", "姓名"])
        #expect(table.rows == [CSVRow(line: 2, fields: ["0801", "𠮷田"])])
    }

    @Test("overlong and surrogate UTF-8 forms are not UTF-8", arguments: [[0xC0, 0xAF] as [UInt8], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]])
    func malformedUTF8(bytes: [UInt8]) {
        let data = Data("a\n".utf8) + Data(bytes)
        #expect(readError(data, CSVOptions(encoding: .utf8)) == CSVReadError(line: 2, reason: "not valid UTF-8 text"))
    }
}
