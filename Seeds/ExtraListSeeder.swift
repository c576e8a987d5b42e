import ArchiveCore
import ArchiveSQLite

/// Inserts what the columns added with the reference's current page choose from: the items of
/// the smaller lists, the interests, the user-defined fields' definitions, and the requests,
/// appointments, equipment and organisations extra fields point at.
enum ExtraListSeeder {
    /// Items per list: English, Norwegian, Swedish, German.
    static let items: [ExtraList: [[String]]] = [
        .consentSource: [["Web form", "Nettskjema", "Webbformulär", "Webformular"], ["Phone", "Telefon", "Telefon", "Telefon"], ["Trade fair", "Messe", "Mässa", "Messe"]],
        .legalBase: [["Consent", "Samtykke", "Samtycke", "Einwilligung"], ["Contract", "Avtale", "Avtal", "Vertrag"], ["Legitimate interest", "Berettiget interesse", "Berättigat intresse", "Berechtigtes Interesse"]],
        .subscription: [["Newsletter", "Nyhetsbrev", "Nyhetsbrev", "Newsletter"], ["Product news", "Produktnyheter", "Produktnyheter", "Produktneuheiten"], ["Events", "Arrangementer", "Evenemang", "Veranstaltungen"]],
        .form: [["Contact us", "Kontakt oss", "Kontakta oss", "Kontakt"], ["Webinar sign-up", "Webinarpåmelding", "Webbinarieanmälan", "Webinar-Anmeldung"], ["Trial", "Prøveversjon", "Provversion", "Testversion"]],
        .workflow: [["Onboarding", "Onboarding", "Onboarding", "Onboarding"], ["Win back", "Vinn tilbake", "Vinn tillbaka", "Rückgewinnung"], ["Renewal", "Fornyelse", "Förnyelse", "Verlängerung"]],
        .saintActivityType: [["Phone call", "Telefonsamtale", "Telefonsamtal", "Telefonat"], ["Meeting", "Møte", "Möte", "Besprechung"], ["E-mail", "E-post", "E-post", "E-Mail"]],
        .saintAmountClass: [["Small", "Liten", "Liten", "Klein"], ["Medium", "Middels", "Medel", "Mittel"], ["Large", "Stor", "Stor", "Groß"]],
        .saintDirection: [["Incoming", "Innkommende", "Inkommande", "Eingehend"], ["Outgoing", "Utgående", "Utgående", "Ausgehend"]],
        .saintIntention: [["Sale", "Salg", "Försäljning", "Verkauf"], ["Service", "Service", "Service", "Service"], ["Follow-up", "Oppfølging", "Uppföljning", "Nachfassen"]],
        .saintSaleStatus: [["Open", "Åpen", "Öppen", "Offen"], ["Sold", "Solgt", "Såld", "Verkauft"], ["Lost", "Tapt", "Förlorad", "Verloren"]],
        .saintTicketCategory: [["Billing", "Faktura", "Faktura", "Rechnung"], ["Technical", "Teknisk", "Teknisk", "Technik"], ["Account", "Konto", "Konto", "Konto"]],
        .saintTicketStatus: [["Open", "Åpen", "Öppen", "Offen"], ["Closed", "Lukket", "Stängd", "Geschlossen"], ["Postponed", "Utsatt", "Uppskjuten", "Zurückgestellt"]],
        .extraDropdown: [["Gold", "Gull", "Guld", "Gold"], ["Silver", "Sølv", "Silver", "Silber"], ["Bronze", "Bronse", "Brons", "Bronze"]],
        .userDefinedList1: [["North", "Nord", "Norr", "Nord"], ["South", "Sør", "Söder", "Süd"], ["East", "Øst", "Öster", "Ost"], ["West", "Vest", "Väster", "West"]],
        .userDefinedList2: [["Partner", "Partner", "Partner", "Partner"], ["Reseller", "Forhandler", "Återförsäljare", "Händler"], ["Customer", "Kunde", "Kund", "Kunde"]],
        .userDefinedList3: [["Tier 1", "Nivå 1", "Nivå 1", "Stufe 1"], ["Tier 2", "Nivå 2", "Nivå 2", "Stufe 2"], ["Tier 3", "Nivå 3", "Nivå 3", "Stufe 3"]],
    ]

    static let interests: [[String]] = [
        ["Cloud", "Sky", "Moln", "Cloud"], ["Security", "Sikkerhet", "Säkerhet", "Sicherheit"], ["Mobile apps", "Mobilapper", "Mobilappar", "Mobile Apps"],
        ["Analytics", "Analyse", "Analys", "Analytik"], ["Training", "Opplæring", "Utbildning", "Schulung"], ["Integrations", "Integrasjoner", "Integrationer", "Integrationen"],
        ["Events", "Arrangementer", "Evenemang", "Veranstaltungen"], ["Newsletter", "Nyhetsbrev", "Nyhetsbrev", "Newsletter"],
    ]

    static let requestTitles = ["Cannot log in", "Invoice question", "Export fails", "New user licence", "Slow search", "Change of address"]
    static let appointmentTexts = ["Quarterly review", "Product demo", "Onboarding call", "Contract renewal", "Workshop"]
    static let equipment = ["Projector", "Laptop", "Van", "Meeting room kit", "Camera"]
    static let organizations = ["Chamber of Commerce", "Industry Association", "Nordic Partner Network", "Open Source Forum"]

    /// Requests, appointments, rentals and cars: enough for the extra fields to point at.
    static let requestCount = 300, appointmentCount = 300, rentalCount = 200, carCount = 50

    static func seed(_ connection: Connection, _ context: SeedContext) throws {
        let lists = try TableWriter(connection, table: "list_item", columns: ["list_id", "id", "name_en", "name_no", "name_sv", "name_de", "rank"])
        for list in ExtraList.allCases {
            for (index, names) in (items[list] ?? []).enumerated() {
                try lists.insert([.integer(list.rawValue), .integer(Int64(index + 1))] + names.map { .text($0) } + [.integer(Int64(index + 1))])
            }
        }
        let interest = try TableWriter(connection, table: "interest", columns: ["id", "name_en", "name_no", "name_sv", "name_de", "rank"])
        for (index, names) in interests.enumerated() { try interest.insert([.integer(Int64(index + 1))] + names.map { .text($0) } + [.integer(Int64(index + 1))]) }
        let fields = try TableWriter(connection, table: "udef_field", columns: ["owner", "prog_id", "label", "field_type", "position", "value_column", "list_id"])
        for field in UserDefinedField.standard {
            try fields.insert([
                .text(field.owner.rawValue), .text(field.progID), .text(field.label), .text(field.kind.rawValue),
                .integer(Int64(field.position)), .text(field.valueColumn), field.listID.map { .integer($0) } ?? .null,
            ])
        }
        try seedTargets(connection, context)
    }

    /// The rows extra fields relate to.
    private static func seedTargets(_ connection: Connection, _ context: SeedContext) throws {
        var random = context.random(.details)
        let requests = try TableWriter(connection, table: "request", columns: ["id", "title"])
        for id in 1...requestCount { try requests.insert([.integer(Int64(id)), .text("\(random.pick(requestTitles)) (#\(id))")]) }
        let appointments = try TableWriter(connection, table: "appointment", columns: ["id", "description"])
        for id in 1...appointmentCount { try appointments.insert([.integer(Int64(id)), .text(random.pick(appointmentTexts))]) }
        let equipmentRows = try TableWriter(connection, table: "y_equipment", columns: ["id", "x_name"])
        for (index, name) in equipment.enumerated() { try equipmentRows.insert([.integer(Int64(index + 1)), .text(name)]) }
        let organizationRows = try TableWriter(connection, table: "y_organization", columns: ["id", "x_name"])
        for (index, name) in organizations.enumerated() { try organizationRows.insert([.integer(Int64(index + 1)), .text(name)]) }
        let rentals = try TableWriter(connection, table: "y_rental", columns: ["id", "x_start", "x_end", "x_amount", "x_contact", "y_equipment_id"])
        let companies = context.plan.companies
        for id in 1...rentalCount {
            let start = context.options.endDay - Int64(random.int(below: 700))
            try rentals.insert([
                .integer(Int64(id)), .text(StoredDateTime.formatDate(start * 86_400)), .text(StoredDateTime.formatDate((start + Int64(random.int(in: 1...60))) * 86_400)),
                .integer(random.int(in: 1...20) * 500), .integer(context.plan.firstCustomerCompanyID + random.int(below: companies)),
                .integer(random.int(in: 1...equipment.count)),
            ])
        }
        let cars = try TableWriter(connection, table: "y_car", columns: ["id"])
        for id in 1...carCount { try cars.insert([.integer(Int64(id))]) }
    }
}
