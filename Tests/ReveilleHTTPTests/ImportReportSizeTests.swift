import Foundation
import Hummingbird
import HummingbirdTesting
import ReveilleIngest
import Testing

/// `GET /api/status`, read by every page every 3 s, stays small whatever the export held.
struct ImportReportSizeTests {
    @Test func afterATwoHundredThousandRowExportTheStatusStaysUnderOneHundredKilobytes() async throws {
        let fixture = try APITests.Fixture()
        let room = String(repeating: "9", count: 1_000_000)  // a 1 MB room field, not repeated in the report
        let rows = ["\(room),客人,2026-11-24 14:00,2026-11-26 12:00"]
            + (1..<200_000).map { "X\($0),客人,2026-11-24 14:00,2026-11-26 12:00" }
        let report = fixture.importer.importExport(Data((["room,guest,arrival,departure"] + rows).joined(separator: "\n").utf8), file: "big.csv")
        #expect(report.problemCount == 200_000)
        try await fixture.test { client in
            let response = try await client.send("/api/status", .get, token: APITests.reception)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes < 100_000)
            let last = try #require(try APITests.object(response)["import"] as? [String: Any])["last"] as? [String: Any]
            #expect(last?["problemCount"] as? Int == 200_000)
            #expect((last?["problems"] as? [Any])?.count == 100)
        }
    }
}
