import Foundation
import ReveilleCore
import ReveilleIngest

/// The rooms file: which extension each room has, its floor, wing and tags.
///
/// A CSV with the header `room,extension,floor,wing,tags` (tags separated by `;` or spaces).
public enum RoomsFile {
    public static func read(_ path: String) throws -> [Room] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReveilleConfiguration.Problems(problems: ["hotel.roomsFile: cannot read \(path)"])
        }
        let table: CSVTable
        do {
            table = try CSVReader.read(data)
        } catch {
            throw ReveilleConfiguration.Problems(problems: ["hotel.roomsFile: \(path): \(error)"])
        }
        let header = table.header.map { $0.lowercased() }
        func column(_ names: String...) -> Int? { header.firstIndex { names.contains($0) } }
        guard let room = column("room", "房号"), let phone = column("extension", "phone", "分机"), let floor = column("floor", "楼层") else {
            throw ReveilleConfiguration.Problems(problems: ["hotel.roomsFile: \(path) needs the columns room, extension, floor"])
        }
        let wing = column("wing")
        let tags = column("tags")
        var rooms: [Room] = []
        var problems: [String] = []
        var seenPhones = Set<String>()
        var seenRooms: [String: Int] = [:]
        for row in table.rows {
            func field(_ index: Int?) -> String {
                guard let index, index < row.fields.count else { return "" }
                return row.fields[index].trimmingCharacters(in: .whitespaces)
            }
            let number = field(room)
            let extensionNumber = field(phone)
            guard !number.isEmpty, !extensionNumber.isEmpty, extensionNumber.allSatisfy({ $0.isASCII && $0.isNumber }),
                let floorNumber = Int(field(floor))
            else {
                problems.append("hotel.roomsFile: \(path):\(row.line): needs a room, a numeric extension and a floor")
                continue
            }
            // A room twice would silently take the second line's extension.
            if let first = seenRooms[number] {
                problems.append("hotel.roomsFile: \(path):\(row.line): room \(number.prefix(32)) is already on line \(first)")
                continue
            }
            seenRooms[number] = row.line
            guard seenPhones.insert(extensionNumber).inserted else {
                problems.append("hotel.roomsFile: \(path):\(row.line): extension \(extensionNumber) is given to two rooms")
                continue
            }
            let tagList = field(tags).split(whereSeparator: { $0 == ";" || $0 == " " }).map(String.init)
            rooms.append(Room(number: number, phone: extensionNumber, floor: floorNumber, wing: field(wing).isEmpty ? nil : field(wing),
                              tags: Set(tagList)))
        }
        guard problems.isEmpty else { throw ReveilleConfiguration.Problems(problems: problems) }
        return rooms
    }
}
