import ArchiveCore
import ArchiveSchema
public import ArchiveSQLite
import Synchronization

// A hand-made archive of twelve chats, whose answers to every operator were worked out by hand
// (the operator-semantics tests of ArchiveCoreTests list them; the query-language tests run
// parsed filters against the same rows).
//
// The fixture. "Now" is Tue 2019-10-15 12:00:00 UTC (14:00 in Oslo); Oslo is UTC+2 until
// 2019-10-27 03:00 local and UTC+1 after it. Datetimes are stored in UTC.
//
// id  requested (UTC)      Oslo day    topic          agent  person            company      status rating queue(s) dur(s) qlen
//  1  2017-03-01 12:00:00  2017-03-01  Sales chat     SVE    -                 Ærlig Bygg   3      4      600      1200   0
//  2  2018-12-31 23:30:00  2019-01-01  Sales chat     ADM    Kari Østby        Nordlys AS   3      5      60       600    2
//  3  2019-06-30 22:30:00  2019-07-01  Support chat   TJE    ørjan Berg        Nordlys AS   3      3      120      900    1
//  4  2019-09-20 10:00:00  2019-09-20  Sales chat     SVE    Åse Lindqvist     Ærlig Bygg   3      4      30       300    0
//  5  2019-09-30 22:30:00  2019-10-01  Support chat   TJE    Åse Lindqvist     Ærlig Bygg   3      3      90       180    5
//  6  2019-10-07 08:00:00  2019-10-07  Support chat   TJE    John Doe          -            3      1      0        60     0
//  7  2019-10-13 22:30:00  2019-10-14  Økonomi        -      -                 -            11     -      -        -      7
//  8  2019-10-15 09:00:00  2019-10-15  Sales chat     TJE    Märta Sandberg    -            2      -      300      -      3
//  9  2019-10-15 22:15:00  2019-10-16  Support chat   -      -                 Nordlys AS   1      -      -        -      4
// 10  2019-10-27 22:30:00  2019-10-27  Sales chat     BOT    Smith (no first)  -            8      2      10       20     0
// 11  2019-11-05 10:00:00  2019-11-05  Økonomi        SVE    Kari Østby        Nordlys AS   3      5      45       3600   1
// 12  2020-01-15 10:00:00  2020-01-15  Support chat   ADM    ørjan Berg        Nordlys AS   5      -      -        -      2
//
// first_message: 1 'Åpningstider?', 2 'Hello, I need a price', 3 'Invoice 50% discount?',
//   4 'Contact john_doe please', 5 'john%doe', 6 'JOHN-DOE here', 7 'Økonomi spørsmål',
//   8 'Where is my order, 50 percent', 9 NULL, 10 'hello world', 11 'ØSTBY asks about ÄPPLE', 12 'ok'.
// last_message: 1 'Takk', 2 'Bye', 4 'done', 6 'ok', 8 'See C:\temp\a_b', 10 'bye', 11 'äpple', others NULL.
// updated (UTC): 2 '2018-12-31 23:45:00', 5 '2019-09-30 23:00:00', 8 '2019-10-15 09:10:00', others NULL.
//
// Associates: 1 ADM 'Ada Admin' (group 3 Management, no other groups), 2 TJE 'Tor Jensen' (group 2
// Support, other groups 1 Sales and 4 Finance), 3 SVE 'Siv Ødegård' (group 1 Sales, other group
// 2 Support), 4 BOT 'Bot' (no group, inactive).
// Persons: 1 Kari Østby (Nordlys, Norway, has interests, rank 1), 2 ørjan Berg (Nordlys, Norway,
// retired, rank 2), 3 Åse Lindqvist (Ærlig Bygg, Sweden), 4 John Doe (no company, no country),
// 5 Märta Sandberg (no company, Germany, retired), 6 Smith (no first name, no company, no country).
// Companies: 1 Archive Owner AS, 2 Nordlys AS (category 1 Customer, our contact SVE, registered
// 2019-10-14 23:30:00 UTC), 3 Ærlig Bygg (no category, our contact TJE, stop, registered 2012).
//
// V008's data: the Service users of TJE (21, 'tor') and SVE (22, 'siv'); e-mail addresses by rank:
// Kari 1 kari@nordlys.no, 2 kari.ostby@gmail.com; ørjan orjan@nordlys.no; John JOHN@example.com;
// Smith smith@example.com; Åse and Märta none. Interests 1 Cloud, 2 Security: Kari both, Åse 2.
// SAINT status 1 (neglected): Nordlys set, Ærlig Bygg not. User-defined fields: Kari number 7,
// decimal 12.5, unlimited date 1850-05-17; ørjan decimal -3.25, unlimited date 2150-01-01; John
// number 0. Extra time spans: Kari 5400 s, ørjan 600 s.

public enum HandMadeArchive {
    /// Tue 2019-10-15 12:00:00 UTC, the "now" of the worked answers.
    public static let now: Int64 = 1_571_140_800

    /// A new in-memory database holding the fixture: a copy of one built once per process
    /// (migrating a database takes far longer than copying one, and a thousand tests ask).
    public static func connection() throws -> Connection {
        let connection = try Connection(path: ":memory:")
        try template.withLock { template in
            if template == nil {
                let built = try Connection(path: ":memory:")
                try Migrator.migrate(built)
                try built.execute(sql)
                template = TemplateBox(connection: built)
            }
            try template!.connection.copy(into: connection)
        }
        return connection
    }

    /// The built fixture, only ever used under the lock.
    private final class TemplateBox: @unchecked Sendable {
        let connection: Connection
        init(connection: Connection) { self.connection = connection }
    }

    private static let template = Mutex<TemplateBox?>(nil)

    public static let sql = """
        INSERT INTO chat_session_status (id, name_en, name_no, name_sv, name_de) VALUES
            (0, 'Invalid', 'Ugyldig', 'Ogiltig', 'Ungültig'),
            (1, 'Queued', 'I kø', 'I kö', 'Wartend'),
            (2, 'Chatting', 'Chatter', 'Chattar', 'Chattet'),
            (3, 'Ended', 'Avsluttet', 'Avslutad', 'Beendet'),
            (4, 'Transferred', 'Overført', 'Överförd', 'Weitergeleitet'),
            (5, 'Missed', 'Tapt', 'Missad', 'Verpasst'),
            (6, 'Rejected', 'Avvist', 'Avvisad', 'Abgelehnt'),
            (7, 'Abandoned', 'Forlatt', 'Övergiven', 'Abgebrochen'),
            (8, 'Bot', 'Bot', 'Bot', 'Bot'),
            (9, 'Email', 'E-post', 'E-post', 'E-Mail'),
            (10, 'Held', 'Holdt', 'Parkerad', 'Gehalten'),
            (11, 'ClosedFromQueue', 'Lukket fra kø', 'Stängd från kö', 'Aus Warteschlange geschlossen');
        INSERT INTO associate_type (id, name_en, name_no, name_sv, name_de) VALUES
            (1, 'Associate', 'Medarbeider', 'Medarbetare', 'Mitarbeiter'),
            (2, 'System user', 'Systembruker', 'Systemanvändare', 'Systembenutzer');
        INSERT INTO country (id, name_en, name_no, name_sv, name_de) VALUES
            (1, 'Norway', 'Norge', 'Norge', 'Norwegen'),
            (2, 'Sweden', 'Sverige', 'Sverige', 'Schweden'),
            (3, 'Germany', 'Tyskland', 'Tyskland', 'Deutschland');
        INSERT INTO category (id, name_en, name_no, name_sv, name_de) VALUES
            (1, 'Customer', 'Kunde', 'Kund', 'Kunde'),
            (2, 'Partner', 'Partner', 'Partner', 'Partner');
        INSERT INTO user_group (id, name_en, name_no, name_sv, name_de) VALUES
            (1, 'Sales', 'Salg', 'Försäljning', 'Vertrieb'),
            (2, 'Support', 'Kundestøtte', 'Support', 'Support'),
            (3, 'Management', 'Ledelse', 'Ledning', 'Leitung'),
            (4, 'Finance', 'Økonomi', 'Ekonomi', 'Finanzen');
        INSERT INTO contact (id, name, department, category_id, country_id, stop, registered) VALUES
            (1, 'Archive Owner AS', NULL, 2, 1, 0, '2010-01-01 00:00:00'),
            (2, 'Nordlys AS', 'Salg', 1, 1, 0, '2019-10-14 23:30:00'),
            (3, 'Ærlig Bygg', NULL, NULL, 2, 1, '2012-06-01 12:00:00');
        INSERT INTO person (id, contact_id, first_name, last_name, country_id, category_id, retired, has_interests, rank, registered) VALUES
            (1, 2, 'Kari', 'Østby', 1, 1, 0, 1, 1, '2015-05-05 10:00:00'),
            (2, 2, 'ørjan', 'Berg', 1, 2, 1, 0, 2, '2015-05-05 10:00:00'),
            (3, 3, 'Åse', 'Lindqvist', 2, NULL, 0, 0, NULL, '2016-01-01 00:00:00'),
            (4, NULL, 'John', 'Doe', NULL, NULL, 0, 0, NULL, '2017-01-01 00:00:00'),
            (5, NULL, 'Märta', 'Sandberg', 3, NULL, 1, 0, NULL, '2017-01-01 00:00:00'),
            (6, NULL, NULL, 'Smith', NULL, NULL, 0, 0, NULL, '2018-01-01 00:00:00');
        INSERT INTO associate (id, name, user_name, first_name, last_name, contact_id, user_group_id, associate_type_id, is_active, registered) VALUES
            (1, 'ADM', 'adm', 'Ada', 'Admin', 1, 3, 1, 1, '2010-01-01 00:00:00'),
            (2, 'TJE', 'tje0', 'Tor', 'Jensen', 1, 2, 1, 1, '2010-01-01 00:00:00'),
            (3, 'SVE', 'sve', 'Siv', 'Ødegård', 1, 1, 1, 1, '2010-01-01 00:00:00'),
            (4, 'BOT', 'bot', 'Bot', NULL, NULL, NULL, 2, 0, '2010-01-01 00:00:00');
        UPDATE contact SET associate_id = 3 WHERE id = 2;
        UPDATE contact SET associate_id = 2 WHERE id = 3;
        INSERT INTO associate_other_group (associate_id, user_group_id) VALUES (2, 1), (2, 4), (3, 2);
        INSERT INTO chat_topic (id, name, registered) VALUES
            (1, 'Sales chat', '2010-01-01 00:00:00'),
            (2, 'Support chat', '2010-01-01 00:00:00'),
            (3, 'Økonomi', '2010-01-01 00:00:00');
        INSERT INTO chat_session (id, topic_id, associate_id, person_id, contact_id, status, first_message, last_message,
                                  when_requested, when_started, when_ended, queue_length, rating, updated) VALUES
            (1, 1, 3, NULL, 3, 3, 'Åpningstider?', 'Takk',
             '2017-03-01 12:00:00', '2017-03-01 12:10:00', '2017-03-01 12:30:00', 0, 4, NULL),
            (2, 1, 1, 1, 2, 3, 'Hello, I need a price', 'Bye',
             '2018-12-31 23:30:00', '2018-12-31 23:31:00', '2018-12-31 23:41:00', 2, 5, '2018-12-31 23:45:00'),
            (3, 2, 2, 2, 2, 3, 'Invoice 50% discount?', NULL,
             '2019-06-30 22:30:00', '2019-06-30 22:32:00', '2019-06-30 22:47:00', 1, 3, NULL),
            (4, 1, 3, 3, 3, 3, 'Contact john_doe please', 'done',
             '2019-09-20 10:00:00', '2019-09-20 10:00:30', '2019-09-20 10:05:30', 0, 4, NULL),
            (5, 2, 2, 3, 3, 3, 'john%doe', NULL,
             '2019-09-30 22:30:00', '2019-09-30 22:31:30', '2019-09-30 22:34:30', 5, 3, '2019-09-30 23:00:00'),
            (6, 2, 2, 4, NULL, 3, 'JOHN-DOE here', 'ok',
             '2019-10-07 08:00:00', '2019-10-07 08:00:00', '2019-10-07 08:01:00', 0, 1, NULL),
            (7, 3, NULL, NULL, NULL, 11, 'Økonomi spørsmål', NULL,
             '2019-10-13 22:30:00', NULL, NULL, 7, NULL, NULL),
            (8, 1, 2, 5, NULL, 2, 'Where is my order, 50 percent', 'See C:\\temp\\a_b',
             '2019-10-15 09:00:00', '2019-10-15 09:05:00', NULL, 3, NULL, '2019-10-15 09:10:00'),
            (9, 2, NULL, NULL, 2, 1, NULL, NULL,
             '2019-10-15 22:15:00', NULL, NULL, 4, NULL, NULL),
            (10, 1, 4, 6, NULL, 8, 'hello world', 'bye',
             '2019-10-27 22:30:00', '2019-10-27 22:30:10', '2019-10-27 22:30:30', 0, 2, NULL),
            (11, 3, 3, 1, 2, 3, 'ØSTBY asks about ÄPPLE', 'äpple',
             '2019-11-05 10:00:00', '2019-11-05 10:00:45', '2019-11-05 11:00:45', 1, 5, NULL),
            (12, 2, 1, 2, 2, 5, 'ok', NULL,
             '2020-01-15 10:00:00', NULL, NULL, 2, NULL, NULL);
        UPDATE associate SET ej_user_id = 21, ej_display_name = 'tor' WHERE id = 2;
        UPDATE associate SET ej_user_id = 22, ej_display_name = 'siv' WHERE id = 3;
        INSERT INTO person_email (id, person_id, rank, address) VALUES
            (1, 1, 1, 'kari@nordlys.no'), (2, 1, 2, 'kari.ostby@gmail.com'), (3, 2, 1, 'orjan@nordlys.no'),
            (4, 4, 1, 'JOHN@example.com'), (5, 6, 1, 'smith@example.com');
        INSERT INTO interest (id, name_en, name_no, name_sv, name_de) VALUES
            (1, 'Cloud', 'Sky', 'Moln', 'Cloud'), (2, 'Security', 'Sikkerhet', 'Säkerhet', 'Sicherheit');
        INSERT INTO person_interest (person_id, interest_id) VALUES (1, 1), (1, 2), (3, 2);
        INSERT INTO contact_detail (contact_id, saint_status1) VALUES (2, 1), (3, 0);
        INSERT INTO person_udef (person_id, number_1, decimal_1, unlimited_date_1) VALUES
            (1, 7, 12.5, '1850-05-17'), (2, NULL, -3.25, '2150-01-01'), (4, 0, NULL, NULL);
        INSERT INTO person_extra (person_id, x_person_timespan) VALUES (1, 5400), (2, 600);
        """
}
