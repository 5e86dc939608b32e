using System.Globalization;
using CsvHelper;
using GraphQL;
using Membership.Agencies;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Membership.Members.Import;

/// <summary>
/// <c>GET /exports/members.csv</c>: members as the CSV importMembers reads, filtered like the <c>members</c> query (the same
/// fields as query parameters). Written batch by batch straight to the response, so its memory stays flat however many.
/// </summary>
public static class MemberExport
{
    public const string Path = "/exports/members.csv";

    /// <summary>Members read per query, in member number order (the unique index is the keyset).</summary>
    internal const int BatchSize = 1_000;

    public static IEndpointRouteBuilder MapMemberExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(Policies.Staff);
        return endpoints;
    }

    private static async Task ExportAsync(HttpContext http, IDbContextFactory<MembershipDbContext> dbs, AssociationCalendar calendar)
    {
        MemberFilter filter;
        List<Guid>? agencyIds;
        try
        {
            filter = ReadFilter(http.Request.Query);
            agencyIds = filter.AgencyId?.Select(id => GlobalId.Parse(id, AgencyType.TypeName, "agencyId")).ToList();
            if (!string.IsNullOrWhiteSpace(filter.Search))
            {
                SearchTerms.Words(filter.Search, "search"); // too short a search fails here, before the response starts
            }
        }
        catch (ExecutionError e)
        {
            await ErrorResponse.WriteAsync(http, StatusCodes.Status400BadRequest, e.Code ?? ErrorCodes.InvalidArgument, e.Message);
            return;
        }

        var caller = new Caller(http.User);
        var today = calendar.Today();
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"members-{today:yyyy-MM-dd}.csv\"";
        http.Response.Headers.CacheControl = "no-store"; // personal data
        // Cells a spreadsheet would run as formulas (= + - @ first) get a leading apostrophe; the import takes it off again.
        await using var csv = CsvWriter.Create(http.Response.Body, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        await csv.WriteRecordAsync([.. MemberCsv.Columns], http.RequestAborted);
        await foreach (var row in ReadAsync(dbs, filter, agencyIds, caller, today, http.RequestAborted))
        {
            await csv.WriteRecordAsync(row.Cells(), http.RequestAborted);
        }

        await csv.FlushAsync(http.RequestAborted);
    }

    /// <summary>The filtered members in batches of <see cref="BatchSize"/>, each batch one query after the last number of the one before.</summary>
    internal static async IAsyncEnumerable<ExportRow> ReadAsync(IDbContextFactory<MembershipDbContext> dbs, MemberFilter filter, List<Guid>? agencyIds, Caller caller, DateOnly today,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var last = 0L;
        while (true)
        {
            List<ExportRow> batch;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                var after = last;
                batch = await MemberSearch.Apply(db.Members.AsNoTracking(), db, filter, agencyIds, caller, today)
                    .Where(m => m.Number > after)
                    .OrderBy(m => m.Number)
                    .Take(BatchSize)
                    .Select(m => new ExportRow(m.Number, m.FirstName, m.LastName, m.Email, m.Phone,
                        m.MailingAddress!.Line1, m.MailingAddress.Line2, m.MailingAddress.City, m.MailingAddress.StateCode, m.MailingAddress.PostalCode,
                        m.DateOfBirth, m.Category, m.IsSwornOfficer, m.SroSince, m.StateCode, m.JobTitle, m.Agency!.OriCode, m.DirectoryOptIn,
                        m.CurrentTerm!.Plan!.Code, (DateOnly?)m.CurrentTerm.StartsOn, m.CurrentTerm.EndsOn))
                    .ToListAsync(ct);
            }

            foreach (var row in batch)
            {
                yield return row;
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }

            last = batch[^1].Number;
        }
    }

    /// <summary>The members query's filter from query parameters of the same names; a list is the parameter repeated.</summary>
    private static MemberFilter ReadFilter(IQueryCollection query)
    {
        static List<T>? Many<T>(IQueryCollection query, string name, Func<string, T?> parse) where T : struct =>
            query.TryGetValue(name, out var values) && values.Count > 0
                ? [.. values.Select(v => parse(v ?? string.Empty) ?? throw new ExecutionError($"'{name}' has a value it does not accept.") { Code = ErrorCodes.InvalidArgument })]
                : null;
        static bool? Flag(IQueryCollection query, string name) =>
            Many(query, name, v => bool.TryParse(v, out var b) ? b : (bool?)null)?.Single();
        static TEnum? Enum<TEnum>(string value) where TEnum : struct, System.Enum =>
            System.Enum.TryParse<TEnum>(value.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var e) && System.Enum.IsDefined(e) && !value.Any(char.IsAsciiDigit)
                ? e : null;

        var unknown = query.Keys.Except(["status", "inGoodStanding", "category", "state", "region", "agencyId", "swornOfficer", "search"]).FirstOrDefault();
        if (unknown is not null)
        {
            throw new ExecutionError($"'{unknown}' is not a filter of members.") { Code = ErrorCodes.InvalidArgument };
        }

        return new MemberFilter
        {
            Status = Many(query, "status", Enum<MembershipStatus>),
            InGoodStanding = Flag(query, "inGoodStanding"),
            Category = Many(query, "category", Enum<MemberCategory>),
            State = query.TryGetValue("state", out var states) && states.Count > 0 ? [.. states.Select(s => s ?? string.Empty)] : null,
            Region = Many(query, "region", v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : (int?)null),
            AgencyId = query.TryGetValue("agencyId", out var agencies) && agencies.Count > 0 ? [.. agencies.Select(a => a ?? string.Empty)] : null,
            SwornOfficer = Flag(query, "swornOfficer"),
            Search = query.TryGetValue("search", out var search) ? search.ToString() : null,
        };
    }

    /// <summary>One member as exported: the columns of <see cref="MemberCsv.Columns"/>.</summary>
    internal sealed record ExportRow(long Number, string FirstName, string LastName, string Email, string? Phone,
        string? Line1, string? Line2, string? City, string? AddressState, string? PostalCode, DateOnly? DateOfBirth, MemberCategory Category,
        bool SwornOfficer, DateOnly? SroSince, string State, string? JobTitle, string? AgencyOri, bool DirectoryOptIn,
        string? Plan, DateOnly? TermStartsOn, DateOnly? TermEndsOn)
    {
        public string?[] Cells() =>
        [
            MemberNumbers.Format(Number), FirstName, LastName, Email, Phone, Line1, Line2, City, AddressState, PostalCode, Iso(DateOfBirth),
            Category.ToString().ToUpperInvariant(), SwornOfficer ? "true" : "false", Iso(SroSince), State, JobTitle, AgencyOri?.Trim(),
            DirectoryOptIn ? "true" : "false", Plan, Iso(TermStartsOn), Iso(TermEndsOn),
        ];

        private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
