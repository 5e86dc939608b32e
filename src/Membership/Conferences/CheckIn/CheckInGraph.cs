using GraphQL;
using GraphQL.Types;
using Membership.Data;
using Membership.GraphQL;
using Membership.Identity;

namespace Membership.Conferences.CheckIn;

internal sealed class CheckInOutcomeType : EnumerationGraphType<CheckInOutcome>
{
    public CheckInOutcomeType()
    {
        Name = "CheckInResultCode";
        Description = "CHECKED_IN: welcome. ALREADY_CHECKED_IN: used before (see checkedInAt). INVALID: not a ticket, unpaid, or transferred (old code). "
            + "CANCELLED. WRONG_CONFERENCE.";
    }
}

/// <summary>What the scanner shows for one scan.</summary>
internal sealed class CheckInResultType : ObjectGraphType<CheckInResult>
{
    public CheckInResultType()
    {
        Name = "CheckInResult";
        this.AuthorizeWithPolicy(Policies.Scanner);
        Field<NonNullGraphType<CheckInOutcomeType>>("result").Resolve(c => c.Source.Outcome);
        Field(r => r.Message).Description("For the person at the door.");
        Field<DateTimeOffsetGraphType>("checkedInAt").Description("When the ticket was first used.").Resolve(c => c.Source.CheckedInAt);
        Field<StringGraphType>("ticketType").Resolve(c => c.Source.TicketTypeName);
        Field<StringGraphType>("attendeeName").Description("To compare with a photo ID; null for an unnamed ticket.")
            .Resolve(c => c.Source.Outcome is CheckInOutcome.CheckedIn or CheckInOutcome.AlreadyCheckedIn ? c.Source.Ticket?.AttendeeName : null);
    }
}

internal sealed class CheckInPayloadType : ObjectGraphType<Payload<CheckInResult>>
{
    public CheckInPayloadType()
    {
        Name = "CheckInTicketPayload";
        Field<CheckInResultType>("checkIn").Resolve(c => c.Source.Result);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}

/// <summary>Results of an upload, one per scan in the order given.</summary>
public sealed record ScanResults(IReadOnlyList<CheckInResult> Results);

internal sealed class UploadCheckInScansPayloadType : ObjectGraphType<Payload<ScanResults>>
{
    public UploadCheckInScansPayloadType()
    {
        Name = "UploadCheckInScansPayload";
        Field<ListGraphType<NonNullGraphType<CheckInResultType>>>("results").Description("One per scan, in the order sent.").Resolve(c => c.Source.Result?.Results);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(c => c.Source.UserErrors);
    }
}

internal static class CheckInGraph
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static void AddCheckInMutations(this ObjectGraphType mutation)
    {
        mutation.Mutation<CheckInPayloadType, CheckInTicketInputType>("checkInTicket",
                "Checks a ticket in at the door. Idempotent: a second scan answers ALREADY_CHECKED_IN with the time of the first. Staff, or a scanner client with the ticket.checkin scope.")
            .AuthorizeWithPolicy(Policies.Scanner)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CheckInInput>("input");
                var errors = new UserErrors();
                if (errors.Id(input.ConferenceId, ConferenceType.TypeName, "input", "conferenceId") is not { } conference)
                {
                    return Payload<CheckInResult>.Failure(errors);
                }

                var scan = new Scan(input.Code, c.Service<AssociationCalendar>().Now());
                return Payload<CheckInResult>.Success(await c.Service<TicketCheckIn>().CheckInAsync(conference, scan, Scanner(c), c.CancellationToken));
            });

        mutation.Mutation<UploadCheckInScansPayloadType, UploadCheckInScansInputType>("uploadCheckInScans",
                $"Uploads scans a device made offline (at most {TicketCheckIn.MaxScansPerUpload}), applied in the order they were made: where several scanned one ticket, "
                + "the first scan wins. Staff, or a scanner client with the ticket.checkin scope.")
            .AuthorizeWithPolicy(Policies.Scanner)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CheckInInput>("input");
                var errors = new UserErrors();
                var conference = errors.Id(input.ConferenceId, ConferenceType.TypeName, "input", "conferenceId");
                var scans = input.Scans ?? [];
                var now = c.Service<AssociationCalendar>().Now();
                if (scans.Count == 0 || scans.Count > TicketCheckIn.MaxScansPerUpload)
                {
                    errors.Add(UserErrorCodes.OutOfRange, $"Upload 1 to {TicketCheckIn.MaxScansPerUpload} scans.", "input", "scans");
                }

                foreach (var (scan, i) in scans.Select((s, i) => (s, i)))
                {
                    if (scan.ScannedAt > now + ClockSkew || scan.ScannedAt < now.AddDays(-30))
                    {
                        errors.Add(UserErrorCodes.DateOutOfRange, "A scan's time must be within the last 30 days, not in the future.", "input", "scans", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "scannedAt");
                    }
                }

                if (errors.Any)
                {
                    return Payload<ScanResults>.Failure(errors);
                }

                var results = await c.Service<TicketCheckIn>().UploadAsync(conference!.Value,
                    [.. scans.Select(s => new Scan(s.Code, new DateTimeOffset(s.ScannedAt.UtcTicks - (s.ScannedAt.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero)))], Scanner(c), c.CancellationToken);
                return Payload<ScanResults>.Success(new ScanResults(results));
            });
    }

    /// <summary>Who scanned: the staff user, or the scanner client.</summary>
    private static string Scanner(IResolveFieldContext context)
    {
        var caller = context.Caller();
        var who = caller.Subject ?? caller.ClientId ?? "scanner";
        return who.Length > 200 ? who[..200] : who;
    }
}
