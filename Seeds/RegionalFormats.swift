/// How addresses and phone numbers look in each seeded region: a few cities with their postcodes
/// and streets, the phone number pattern, and the address layout.
struct RegionalFormat: Sendable {
    struct City: Sendable {
        let name: String
        let zipPrefix: String
        let state: String?
        let latitude: Double
        let longitude: Double
    }

    /// How the postcode, city and state make up an address's last line.
    enum Layout: Sendable {
        /// `0150 Oslo` (most of Europe).
        case zipCity
        /// `New York, NY 10001`.
        case cityStateZip
        /// `London` then `SW1A 1AA` (the United Kingdom).
        case cityThenZip
    }

    let cities: [City]
    let streets: [String]
    /// `#` is a digit: `+47 ## ## ## ##`.
    let phonePattern: String
    /// Digits after the prefix of a postcode.
    let zipDigits: Int
    let layout: Layout
    let countryName: String

    /// The format of a seeded region (by its code in ``Region``).
    static func of(_ region: Region) -> RegionalFormat { formats[region.code] ?? formats["no"]! }

    private static func city(_ name: String, _ zip: String, _ latitude: Double, _ longitude: Double, state: String? = nil) -> City {
        City(name: name, zipPrefix: zip, state: state, latitude: latitude, longitude: longitude)
    }

    private static let formats: [String: RegionalFormat] = [
        "no": RegionalFormat(cities: [city("Oslo", "0", 59.91, 10.75), city("Bergen", "50", 60.39, 5.32), city("Trondheim", "70", 63.43, 10.39), city("Stavanger", "40", 58.97, 5.73)],
                             streets: ["Storgata", "Kirkegata", "Dronningens gate", "Strandveien", "Parkveien"], phonePattern: "+47 ## ## ## ##", zipDigits: 3, layout: .zipCity, countryName: "Norway"),
        "se": RegionalFormat(cities: [city("Stockholm", "11", 59.33, 18.07), city("Göteborg", "41", 57.71, 11.97), city("Malmö", "21", 55.60, 13.00)],
                             streets: ["Drottninggatan", "Kungsgatan", "Storgatan", "Sveavägen"], phonePattern: "+46 8 ### ### ##", zipDigits: 3, layout: .zipCity, countryName: "Sweden"),
        "dk": RegionalFormat(cities: [city("København", "1", 55.68, 12.57), city("Aarhus", "8", 56.16, 10.20), city("Odense", "5", 55.40, 10.39)],
                             streets: ["Vesterbrogade", "Nørregade", "Strøget", "Algade"], phonePattern: "+45 ## ## ## ##", zipDigits: 3, layout: .zipCity, countryName: "Denmark"),
        "fi": RegionalFormat(cities: [city("Helsinki", "00", 60.17, 24.94), city("Tampere", "33", 61.50, 23.79), city("Turku", "20", 60.45, 22.27)],
                             streets: ["Mannerheimintie", "Hämeenkatu", "Aleksanterinkatu"], phonePattern: "+358 9 ### ####", zipDigits: 3, layout: .zipCity, countryName: "Finland"),
        "is": RegionalFormat(cities: [city("Reykjavík", "1", 64.15, -21.94), city("Akureyri", "6", 65.68, -18.09)],
                             streets: ["Laugavegur", "Hafnarstræti"], phonePattern: "+354 ### ####", zipDigits: 2, layout: .zipCity, countryName: "Iceland"),
        "de": RegionalFormat(cities: [city("Berlin", "10", 52.52, 13.40), city("München", "80", 48.14, 11.58), city("Hamburg", "20", 53.55, 9.99), city("Köln", "50", 50.94, 6.96)],
                             streets: ["Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Gartenweg"], phonePattern: "+49 30 ########", zipDigits: 3, layout: .zipCity, countryName: "Germany"),
        "uk": RegionalFormat(cities: [city("London", "SW1A ", 51.51, -0.13), city("Manchester", "M1 ", 53.48, -2.24), city("Leeds", "LS1 ", 53.80, -1.55)],
                             streets: ["High Street", "Station Road", "Church Lane", "Victoria Road"], phonePattern: "+44 20 #### ####", zipDigits: 1, layout: .cityThenZip, countryName: "United Kingdom"),
        "nl": RegionalFormat(cities: [city("Amsterdam", "10", 52.37, 4.90), city("Rotterdam", "30", 51.92, 4.48), city("Utrecht", "35", 52.09, 5.12)],
                             streets: ["Kerkstraat", "Dorpsstraat", "Stationsweg"], phonePattern: "+31 20 ### ####", zipDigits: 2, layout: .zipCity, countryName: "Netherlands"),
        "us": RegionalFormat(cities: [city("New York", "100", 40.71, -74.01, state: "NY"), city("Chicago", "606", 41.88, -87.63, state: "IL"), city("Austin", "787", 30.27, -97.74, state: "TX")],
                             streets: ["Main Street", "Oak Avenue", "Maple Drive", "Broadway"], phonePattern: "+1 (###) 555-####", zipDigits: 2, layout: .cityStateZip, countryName: "United States"),
        "fr": RegionalFormat(cities: [city("Paris", "750", 48.86, 2.35), city("Lyon", "690", 45.76, 4.84), city("Lille", "590", 50.63, 3.06)],
                             streets: ["Rue de la Paix", "Avenue Victor Hugo", "Rue du Commerce"], phonePattern: "+33 1 ## ## ## ##", zipDigits: 2, layout: .zipCity, countryName: "France"),
        "es": RegionalFormat(cities: [city("Madrid", "280", 40.42, -3.70), city("Barcelona", "080", 41.39, 2.17)],
                             streets: ["Calle Mayor", "Gran Vía", "Calle de Alcalá"], phonePattern: "+34 91# ### ###", zipDigits: 2, layout: .zipCity, countryName: "Spain"),
        "jp": RegionalFormat(cities: [city("Tokyo", "100-", 35.68, 139.69), city("Osaka", "530-", 34.69, 135.50)],
                             streets: ["Chiyoda 1-1", "Umeda 2-4", "Shibuya 3-2"], phonePattern: "+81 3-####-####", zipDigits: 4, layout: .zipCity, countryName: "Japan"),
        "pl": RegionalFormat(cities: [city("Warszawa", "00-", 52.23, 21.01), city("Kraków", "30-", 50.06, 19.94)],
                             streets: ["ul. Marszałkowska", "ul. Floriańska", "ul. Długa"], phonePattern: "+48 22 ### ## ##", zipDigits: 3, layout: .zipCity, countryName: "Poland"),
        "at": RegionalFormat(cities: [city("Wien", "10", 48.21, 16.37), city("Graz", "80", 47.07, 15.44)],
                             streets: ["Mariahilfer Straße", "Hauptplatz", "Ringstraße"], phonePattern: "+43 1 #######", zipDigits: 2, layout: .zipCity, countryName: "Austria"),
        "ch": RegionalFormat(cities: [city("Zürich", "80", 47.38, 8.54), city("Genève", "12", 46.20, 6.14)],
                             streets: ["Bahnhofstrasse", "Rue du Rhône", "Marktgasse"], phonePattern: "+41 44 ### ## ##", zipDigits: 2, layout: .zipCity, countryName: "Switzerland"),
    ]

    /// A phone number in this region's pattern, and its digits (as it is searched).
    func phoneNumber(_ random: inout SeedRandom) -> (formatted: String, digits: String) {
        var formatted = ""
        for character in phonePattern {
            formatted.append(character == "#" ? Character(String(random.int(below: 10))) : character)
        }
        return (formatted, String(formatted.filter(\.isNumber)))
    }

    /// An address in one of this region's cities.
    func address(_ random: inout SeedRandom) -> SeededAddress {
        let city = random.pick(cities)
        let number = random.int(in: 1...120)
        let line1 = layout == .zipCity && countryName != "United Kingdom" && countryName != "United States" && countryName != "Japan"
            ? "\(random.pick(streets)) \(number)" : "\(number) \(random.pick(streets))"
        var zip = city.zipPrefix
        for _ in 0..<zipDigits { zip.append(Character(String(random.int(below: 10)))) }
        if layout == .cityThenZip { zip += "\(random.int(below: 10))\(["AA", "AB", "BD", "XY"][random.int(below: 4)])" }
        let line3 = random.chance(8) ? "c/o Reception" : nil
        return SeededAddress(
            line1: line1, line2: random.chance(15) ? "Floor \(random.int(in: 1...9))" : nil, line3: line3, county: county(&random),
            city: city.name, zip: zip, state: city.state,
            latitude: city.latitude + Double(random.int(in: -500...500)) / 10_000, longitude: city.longitude + Double(random.int(in: -500...500)) / 10_000,
            format: self)
    }

    /// A county, where addresses name one (the United Kingdom, Ireland's neighbours, Spain).
    private func county(_ random: inout SeedRandom) -> String? {
        switch countryName {
        case "United Kingdom": random.pick(["Greater London", "Greater Manchester", "West Yorkshire"])
        case "Spain": random.chance(50) ? random.pick(["Madrid", "Barcelona"]) : nil
        case "United States": random.chance(30) ? random.pick(["Kings County", "Cook County", "Travis County"]) : nil
        default: nil
        }
    }

    /// The address's lines in this region's layout.
    func lines(_ address: SeededAddress) -> [String] {
        let last: [String] = switch layout {
        case .zipCity: ["\(address.zip) \(address.city)"]
        case .cityStateZip: ["\(address.city), \(address.state ?? "") \(address.zip)"]
        case .cityThenZip: [address.city, address.zip]
        }
        return [address.line1] + [address.line2, address.line3].compactMap { $0 } + last + (address.county.map { [$0] } ?? [])
    }
}

/// A seeded address and the region whose layout writes it.
struct SeededAddress: Sendable {
    let line1: String
    let line2: String?
    let line3: String?
    let county: String?
    let city: String
    let zip: String
    let state: String?
    let latitude: Double
    let longitude: Double
    let format: RegionalFormat

    /// On one line, and on several (the country last, as a letter abroad would have it).
    var formatted: String { format.lines(self).joined(separator: ", ") }
    var formattedMultiLine: String { (format.lines(self) + [format.countryName]).joined(separator: "\n") }
}
