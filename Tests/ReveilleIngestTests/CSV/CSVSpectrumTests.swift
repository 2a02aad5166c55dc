import Foundation
import ReveilleIngest
import Testing

/// The csv-spectrum conformance suite (v2.0.0, copied into Fixtures/csv-spectrum): each CSV must read to
/// its JSON, an array of objects keyed by the header.
@Suite struct CSVSpectrumTests {
    static let cases = [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "location_coordinates",
        "newlines", "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    ]

    /// Corrects known mistakes in the upstream expected JSON.
    /// location_coordinates.json is a bare object instead of an array, and its phone number (1234567890) is not
    /// the one in the CSV (2095257564): max-mapper/csv-spectrum#20, open upstream. No parser can produce it.
    static func correctingErrata(_ name: String, _ objects: [[String: String]]) -> [[String: String]] {
        guard name == "location_coordinates" else { return objects }
        return objects.map { object in
            var object = object
            if object["Contact Phone Number"] == "1234567890" { object["Contact Phone Number"] = "2095257564" }
            return object
        }
    }

    static func expected(_ name: String) throws -> [[String: String]] {
        let json = try JSONSerialization.jsonObject(with: try CSVFixtures.data("csv-spectrum/json/\(name).json"))
        let objects: [[String: String]]
        if let array = json as? [[String: String]] {
            objects = array
        } else {
            objects = [try #require(json as? [String: String], "\(name).json is neither an array nor an object of strings")]
        }
        return correctingErrata(name, objects)
    }

    @Test("every csv-spectrum case reads to its expected JSON", arguments: cases)
    func readsToExpectedJSON(name: String) throws {
        let table = try CSVReader.read(try CSVFixtures.data("csv-spectrum/csvs/\(name).csv"))
        for row in table.rows {
            #expect(row.fields.count == table.header.count, "line \(row.line): \(row.fields)")
        }
        let objects = table.rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(table.header, row.fields).map { ($0, $1) })
        }
        #expect(objects == (try Self.expected(name)))
    }

    @Test("the suite in the fixtures is complete: every CSV has its JSON and is listed")
    func suiteIsComplete() throws {
        let csvs = try FileManager.default.contentsOfDirectory(atPath: CSVFixtures.directory.appendingPathComponent("csv-spectrum/csvs").path)
        #expect(Set(csvs.map { String($0.dropLast(4)) }) == Set(Self.cases))
    }

    @Test("the records after a quoted multi-line field start on their physical lines (newlines, newlines_crlf)",
          arguments: ["newlines", "newlines_crlf"])
    func spectrumLineNumbers(name: String) throws {
        let table = try CSVReader.read(try CSVFixtures.data("csv-spectrum/csvs/\(name).csv"))
        #expect(table.rows.map(\.line) == [2, 3, 5])
    }
}
