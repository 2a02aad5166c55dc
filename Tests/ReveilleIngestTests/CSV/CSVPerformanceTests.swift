import Foundation
import ReveilleIngest
import Testing

@Suite struct CSVPerformanceTests {
    /// A 5,000-row in-house list: the GB18030 fixture's five data lines a thousand times over.
    static func largeGB18030Export() throws -> Data {
        let fixture = try CSVFixtures.data("in-house-gb18030.csv")
        let crlf = Data("\r\n".utf8)
        let headerEnd = try #require(fixture.range(of: crlf)).upperBound
        var data = fixture.prefix(upTo: headerEnd)
        let body = fixture.suffix(from: headerEnd)
        for _ in 0..<1_000 { data.append(body) }
        return Data(data)
    }

    /// Guards against accidental quadratic behaviour. The budget is for debug builds; in release builds the
    /// read takes 1–2 ms (`swift test -c release --filter CSVPerformanceTests` prints it).
    @Test("a 5,000-row GB18030 export reads in well under a second")
    func fiveThousandRows() throws {
        let data = try Self.largeGB18030Export()
        let clock = ContinuousClock()
        var table: CSVTable?
        var best = Duration.seconds(3_600)
        for _ in 0..<5 {
            let elapsed = try clock.measure { table = try CSVReader.read(data) }
            best = min(best, elapsed)
        }
        let rows = try #require(table).rows
        #expect(rows.count == 5_000)
        #expect(rows.last == CSVRow(line: 5_001, fields: ["1210", "王喆", "2025-03-02 11:00", "2025-03-06 12:00", "在住", ""]))
        #expect(best < .seconds(1))
        print("CSVReader: 5,000 rows, \(data.count) bytes of GB18030, best of 5: \(best.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 2))))")
    }
}
