using System.Net;
using System.Text;
using Membership.Tests.Conferences.CheckIn;
using Membership.Tests.Infrastructure;

namespace Membership.Tests.Conferences.Queries;

/// <summary>/conferences/{id}/attendees.csv: staff's attendee list, one row per ticket that admits, safe to open in a spreadsheet.</summary>
public abstract class AttendeeCsvTests(ApiFixture api) : TicketTest(api)
{
    private const string Header = "order,ticket_type,status,attendee_name,attendee_email,member_number,agency,price_minor_units,currency,checked_in_at";

    [SkippableFact]
    public async Task The_attendee_list_is_for_staff_only()
    {
        var conference = await Tickets.ConferenceAsync();
        var path = TicketSteps.CsvPath(conference);

        var anonymous = await Tickets.DownloadAsync(path, TestIdentity.Anonymous);
        var member = await Tickets.DownloadAsync(path, await NonStaff.IdentityAsync(Api, NonStaff.Member));
        var partner = await Tickets.DownloadAsync(path, TestIdentity.Partner);
        var staff = await Tickets.DownloadAsync(path, TestIdentity.Staff);

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK],
            new[] { anonymous.Status, member.Status, partner.Status, staff.Status });
        Assert.Equal("text/csv", staff.MediaType);
        Assert.True(staff.IsPrivateAndNotStored);
    }

    /// <summary>Guests are on the list as well as members: a ticket without a member leaves member_number empty.</summary>
    [SkippableFact]
    public async Task The_list_has_a_header_and_one_row_per_valid_or_used_ticket()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync(), shape: m => m.SetName("Zulu", TestData.Unique("Member")));
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference, nonMemberPrice: 60000);
        var valid = await Tickets.SoldAsync(conference, type, ["Alpha Valid"]);
        var used = await Tickets.TicketAsync(conference, type, "Bravo Used");
        await Tickets.ScanAsync(conference, used.Code);
        await Tickets.TransferAsync(await Tickets.TicketAsync(conference, type, "Charlie Transferred"), "Delta Replacement");
        var cancelled = await Tickets.SoldAsync(conference, type, ["Echo Cancelled"]);
        await Tickets.CancelAsync(cancelled.Id);
        await Tickets.SoldAsync(conference, type, ["Foxtrot Pending"], paid: false);
        await Tickets.MemberTicketAsync(conference, type, member);

        var records = Parse((await Tickets.DownloadAsync(TicketSteps.CsvPath(conference), TestIdentity.Staff)).Text);

        Assert.Equal(Header, string.Join(',', records[0]));
        Assert.Equal(["Alpha Valid", "Bravo Used", "Delta Replacement", $"Zulu {member.LastName}"], records.Skip(1).Select(r => r[3]));
        Assert.Equal(["VALID", "CHECKED_IN", "VALID", "VALID"], records.Skip(1).Select(r => r[2]));
        Assert.Equal([valid.Number, string.Empty, "60000", "USD", string.Empty], new[] { records[1][0], records[1][5], records[1][7], records[1][8], records[1][9] });
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", records[2][9]);
        Assert.Equal((member.MemberNumber, member.Email, "45000"), (records[4][5], records[4][4], records[4][7]));
    }

    /// <summary>Attendee names come from members here, so that only the quoting is under test (see the guests in the list above).</summary>
    [SkippableFact]
    public async Task Commas_and_quotes_are_quoted_and_a_leading_formula_sign_is_defused()
    {
        (string First, string Last)[] names =
        [
            ("Smith,", "Jo"), ("Jo \"JJ\"", "Smith"), ("=HYPERLINK(\"http://evil.example\",\"x\")", "Evil"), ("+1", "555"), ("-2+3", "Minus"), ("@SUM(A1:A9)", "At"),
            ("Ann;=1+1", "Semi"), (";@SUM(A1:A9)", "Lead"),
        ];
        var members = await Data.MembersAsync(names.Length, await Data.PlanAsync(), shape: (m, i) => m.SetName(names[i].First, names[i].Last));
        var conference = await Tickets.ConferenceAsync();
        var type = await Tickets.TicketTypeAsync(conference);
        foreach (var member in members)
        {
            await Tickets.MemberTicketAsync(conference, type, member);
        }

        var text = (await Tickets.DownloadAsync(TicketSteps.CsvPath(conference), TestIdentity.Staff)).Text;

        var cells = Parse(text).Skip(1).Select(r => r[3]).Order(StringComparer.Ordinal);
        Assert.Equal(["'+1 555", "'-2+3 Minus", "'=HYPERLINK(\"http://evil.example\",\"x\") Evil", "'@SUM(A1:A9) At", ";@SUM(A1:A9) Lead", "Ann;=1+1 Semi", "Jo \"JJ\" Smith", "Smith, Jo"], cells);
        Assert.Contains(",\"Smith, Jo\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"Jo \"\"JJ\"\" Smith\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\") Evil\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"Ann;=1+1 Semi\",", text, StringComparison.Ordinal);
        // A spreadsheet whose locale splits on semicolons finds every semicolon inside quotes: no cell starts a formula.
        var semicolonCells = Parse(text, ';').SelectMany(r => r).ToList();
        Assert.DoesNotContain(semicolonCells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@');
        Assert.All(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches("^\"([^\"]|\"\")*\"(,\"([^\"]|\"\")*\")*$", line));
    }

    /// <summary>RFC 4180 §2.1: each record ends with CRLF, whatever the server's operating system.</summary>
    [SkippableFact]
    public async Task Records_end_with_crlf()
    {
        var member = await Data.MemberAsync(await Data.PlanAsync());
        var conference = await Tickets.ConferenceAsync();
        await Tickets.MemberTicketAsync(conference, await Tickets.TicketTypeAsync(conference), member);

        var text = (await Tickets.DownloadAsync(TicketSteps.CsvPath(conference), TestIdentity.Staff)).Text;

        Assert.StartsWith("\"" + Header.Replace(",", "\",\"", StringComparison.Ordinal) + "\"\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
    }

    /// <summary>An RFC 4180 reader: quoted fields may hold separators, doubled quotes and line breaks; records end with CRLF or LF.</summary>
    private static List<string[]> Parse(string text, char separator = ',')
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        return records;
    }
}

public sealed class AttendeeCsvTestsOnSqlite(SqliteApi api) : AttendeeCsvTests(api), IClassFixture<SqliteApi>;

public sealed class AttendeeCsvTestsOnPostgreSql(PostgreSqlApi api) : AttendeeCsvTests(api), IClassFixture<PostgreSqlApi>;

public sealed class AttendeeCsvTestsOnSqlServer(SqlServerApi api) : AttendeeCsvTests(api), IClassFixture<SqlServerApi>;
